/**
 * The type and a bounded name of the operation a request executes, for metrics labels and span
 * names: the client's operation name cut to 64 safe characters, `anonymous` without one.
 */
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';

export function operationLabel(document: DocumentNode, operationName: string | null | undefined): { type: string; name: string } {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const name = (operation?.name?.value ?? '').replace(/[^A-Za-z0-9_]/g, '').slice(0, 64);
  return { type: operation?.operation ?? 'unknown', name: name || 'anonymous' };
}
