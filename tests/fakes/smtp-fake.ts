import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerSession } from 'smtp-server';
import { DEFAULT_WAIT_MS, Recorder } from './recorder';

export interface ReceivedEmail {
  /** The address of the From header. */
  from: string;
  /** The envelope recipients (RCPT TO): who the message was actually delivered to. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** With angle brackets, as in the header: `<…@portal>`. */
  messageId: string;
  /** Lower-case names; folded lines unfolded; repeated headers joined with ", ". */
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** The user name the client authenticated with, if it did. */
  authUser?: string;
}

export interface SmtpFake {
  /** A ready SMTP_URL: `smtp://127.0.0.1:<port>`. Any credentials added to it are accepted. */
  url: string;
  port: number;
  messages: ReceivedEmail[];
  waitFor(pred?: (mail: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail>;
  clear(): void;
  close(): Promise<void>;
}

function headersOf(mail: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

function toReceived(mail: ParsedMail, session: SMTPServerSession): ReceivedEmail {
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return {
    from: mail.from?.value[0]?.address ?? envelopeFrom,
    to: session.envelope.rcptTo.map((r) => r.address),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: mail.html || undefined,
    messageId: mail.messageId ?? '',
    headers: headersOf(mail),
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
    authUser: typeof session.user === 'string' ? session.user : undefined,
  };
}

/** A plain-text SMTP server on a local port (no TLS, any credentials) that parses and keeps what it receives. */
export async function startSmtpFake(): Promise<SmtpFake> {
  const recorder = new Recorder<ReceivedEmail>('e-mail');
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // Without TLS, smtp-server refuses AUTH unless told otherwise; clients configured with credentials must still get in.
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          recorder.push(toReceived(mail, session));
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: recorder.items,
    waitFor: (pred, timeoutMs = DEFAULT_WAIT_MS) => recorder.waitFor(pred, timeoutMs),
    clear: () => recorder.clear(),
    close: async () => {
      recorder.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
