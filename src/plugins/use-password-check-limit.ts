/**
 * Adds the password-check cap (src/security/password-checks.ts) to validation, which every
 * transport runs before execution: HTTP and SSE through Yoga, graphql-ws through the enveloped
 * `validate` in server.ts. Independent of the rate limits, so it holds even when they are off.
 */
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_MAX_PASSWORD_CHECKS, passwordCheckLimitRule } from '../security/password-checks.js';

/** `max`: password-checking fields one operation may hold; default 1. */
export function usePasswordCheckLimit(max: number = DEFAULT_MAX_PASSWORD_CHECKS): Plugin {
  const rule = passwordCheckLimitRule(max);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
