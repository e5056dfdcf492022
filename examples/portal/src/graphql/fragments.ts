/**
 * Selections every mutation of the portal shares: the typed error a union answers with (and the
 * field a ValidationError blames), and a session. Documents spread them by name; codegen resolves
 * the names and puts them into each trusted document.
 */
import { graphql } from '../gql';

export const ProblemFragment = graphql(`
  fragment PortalProblem on Error {
    code
    message
    ... on ValidationError {
      field
    }
  }
`);

export const SessionFragment = graphql(`
  fragment PortalSession on Session {
    token
    expiresAt
    developer {
      id
      email
    }
  }
`);
