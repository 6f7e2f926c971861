import { randomUUID } from 'node:crypto';
import type { Database } from '@qeetid/db';
import { createTransport } from 'nodemailer';
import type { Logger } from 'pino';

export interface Message {
  channel: 'email' | 'sms';
  /** An email address or an E.164 phone number. */
  to: string;
  /** What the message is for (`password_reset`, `magic_link`, …); kept with outbox rows. */
  purpose: string;
  subject: string;
  text: string;
  tenantId: string | null;
}

/** Delivers the messages of auth flows. Nothing is ever dropped: what cannot be sent is kept. */
export interface MessageSender {
  send(message: Message): Promise<void>;
}

/**
 * Development and tests: messages go to the `message_outbox` table and, outside production, to
 * the log, so a developer can follow a reset or magic link without a mail server.
 */
export function outboxSender(db: Database, log: Logger, options: { printToLog: boolean }): MessageSender {
  return {
    async send(m) {
      await db.platformRead((p) =>
        p.storeMessage({
          id: randomUUID(),
          tenantId: m.tenantId,
          channel: m.channel,
          recipient: m.to,
          purpose: m.purpose,
          subject: m.subject,
          body: m.text,
          createdAt: new Date(),
        }),
      );
      if (options.printToLog) {
        log.info({ channel: m.channel, to: m.to, purpose: m.purpose, subject: m.subject, text: m.text }, 'dev outbox');
      }
    },
  };
}

/** Email over SMTP (`QEETID_SMTP_URL`, nodemailer); SMS has no provider yet, so it stays in the outbox. */
export function smtpSender(url: string, from: string, outbox: MessageSender, log: Logger): MessageSender {
  const transport = createTransport(url);
  return {
    async send(m) {
      if (m.channel === 'sms') {
        log.warn({ purpose: m.purpose }, 'no SMS provider is configured; the message is kept in the outbox');
        return outbox.send(m);
      }
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
