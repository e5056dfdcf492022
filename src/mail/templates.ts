/**
 * The emails the gateway sends, as plain text. Templates take `{portal}`, `{link}` and `{minutes}`
 * placeholders; the defaults name the portal so a reader knows who writes.
 */

export interface MailText {
  subject: string;
  text: string;
}

/** Default password-reset email (PORTAL_GRAPH_PASSWORD_RESET_SUBJECT / _TEXT override it). */
export const DEFAULT_RESET_EMAIL: MailText = {
  subject: 'Reset your {portal} password',
  text: [
    'Someone asked to reset the password of your {portal} account.',
    '',
    'To choose a new password, open this link within {minutes} minutes:',
    '{link}',
    '',
    'The link works once. If you did not ask for it, ignore this email: your password stays as it is.',
  ].join('\n'),
};

/** Sent to an address someone tried to sign up with while it already has an account. */
export const SIGNUP_NOTICE_EMAIL: MailText = {
  subject: 'Your {portal} account',
  text: [
    'Someone tried to sign up to {portal} with this email address, which already has an account.',
    '',
    'If it was you, log in with your password, or request a password reset from the login page if you have forgotten it.',
    'If it was not you, ignore this email: nothing has changed.',
  ].join('\n'),
};

/** Fills `{name}` placeholders; unknown ones are left as they are. */
export function fill(template: MailText, values: Record<string, string>): MailText {
  const apply = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return { subject: apply(template.subject).replace(/[\r\n]+/g, ' '), text: apply(template.text) };
}

/** The reset page URL with the token: `url?token=…` (or `&token=…` when the URL has a query already). */
export function resetLink(url: string, token: string): string {
  const link = new URL(url);
  link.searchParams.set('token', token);
  return link.toString();
}
