/**
 * Tells the access log (access-log.ts) which operation an HTTP request ran: its type and name
 * (the client's, cut to 64 safe characters; logs need no bound on distinct names).
 */
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { noteOperation } from '../access-log.js';
import { operationLabel } from './operation-label.js';

export function useAccessLog(): Plugin {
  const note = (args: { contextValue: unknown; document: Parameters<typeof operationLabel>[0]; operationName?: string | null | undefined }) => {
    const { type, name } = operationLabel(args.document, args.operationName);
    noteOperation((args.contextValue as { req?: IncomingMessage }).req, type, name);
  };
  return {
    onExecute: ({ args }) => note(args),
    onSubscribe: ({ args }) => note(args),
  };
}
