/**
 * Where emails go: an SMTP server (nodemailer, `smtp://` or `smtps://` URL), or, for the embedded
 * demo without SMTP, an outbox directory of `.eml` files (so `npm start` shows the whole reset
 * flow without any secret reaching the log).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  /** Sends one message; rejects when it could not be handed over. */
  send(message: MailMessage): Promise<void>;
  /** Where messages go, for the log and the start-up banner (never a password). */
  readonly description: string;
  close(): Promise<void>;
}

export interface SmtpOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's connection URL). */
  url: string;
  /** Time to connect, to the greeting, and between socket activity (ms); default 10 000. */
  timeoutMs?: number;
}

/** An SMTP transport; the password in the URL is never part of `description`. */
export function smtpTransport(options: SmtpOptions): MailTransport {
  const timeout = options.timeoutMs ?? 10_000;
  const transporter = nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  const url = new URL(options.url);
  return {
    description: `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`,
    async send(message) {
      await transporter.sendMail(message);
    },
    async close() {
      transporter.close();
    },
  };
}

/** Writes each message as an `.eml` file into `directory` (created when missing). */
export function outboxTransport(directory: string): MailTransport & { lastFile(): string | undefined } {
  let last: string | undefined;
  return {
    description: `outbox directory ${directory}`,
    lastFile: () => last,
    async send(message) {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`);
      const headers = [`From: ${message.from}`, `To: ${message.to}`, `Subject: ${message.subject}`, `Date: ${new Date().toUTCString()}`, 'Content-Type: text/plain; charset=utf-8'];
      writeFileSync(file, `${headers.join('\r\n')}\r\n\r\n${message.text}\r\n`, { mode: 0o600 });
      last = file;
    },
    async close() {},
  };
}
