import { createTransport, type Transporter } from 'nodemailer';
import { OperationalError } from '../errors';
import type { RenderedMessage } from './message-templates';

/** IPLUS_SMTP_*: the relay e-mail goes through. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** starttls: upgrade required; tls: TLS from the first byte (port 465); none: plain (a local relay). */
  tls: 'starttls' | 'tls' | 'none';
  user?: string;
  password?: string;
  /** The From: header, such as `I+ <noreply@iplus.example>`. */
  from: string;
}

/** One SMTP transport (nodemailer, pooled connections) for every e-mail the platform sends. */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(
    private readonly smtp: SmtpSettings,
    timeoutMs = 10_000,
  ) {
    this.transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.tls === 'tls',
      requireTLS: smtp.tls === 'starttls',
      ignoreTLS: smtp.tls === 'none',
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      pool: true,
      maxConnections: 2,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  /**
   * Sends one message to its recipients. The Message-ID is the message's own, the same on every
   * attempt, so a mail system can drop the copy a retry after a lost answer would make.
   */
  async send(messageId: string, to: string[], m: RenderedMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.smtp.from,
        to,
        subject: m.subject,
        text: m.text,
        messageId: `<${messageId.replace(/[^A-Za-z0-9.-]/g, '.')}@iplus>`,
        headers: { 'Content-Language': m.language, 'Auto-Submitted': 'auto-generated' },
      });
    } catch (e) {
      throw new OperationalError(
        'smtp_failed',
        `e-mail ${messageId} not accepted by ${this.smtp.host}: ${(e as Error).message}`,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
