/**
 * The root fields an operation selects, wherever they are written: directly, inside inline
 * fragments, or inside named fragments spread at the root (to any depth), each alias counted once.
 * Rules that count root fields (rate limits, the password-check cap) read them here, so a fragment
 * can never hide a field from them. Each field node is listed once, however often its fragment is
 * spread (graphql-js runs such repeats once, as one response key), so the walk is linear in the
 * document however its fragments nest. Conservative otherwise: distinct nodes that graphql-js would
 * merge (same alias and arguments) or skip (`@skip`/`@include`) are all counted.
 */
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The operation a request runs: the one named `operationName`, or the first. */
export function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/** Every root field node of `operation`, fragments flattened; each fragment is walked once. */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = fragmentsOf(document);
  const fields: FieldNode[] = [];
  const walked = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation refuses cycles and unknown fragments; a fragment seen once is never walked again.
        if (fragment && !walked.has(name)) {
          walked.add(name);
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}
