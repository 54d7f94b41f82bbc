// The one way out for email the app sends itself (invitations, reminders, notifications to inviters).
// nodemailer speaks SMTP to the operator's server (SMTP_URL); unset, the app sends no email and Auth0 sends
// its own invitation email.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Marks our messages (e.g. X-Invitation-Id) so that a mailbox or a bounce can be matched to what sent them. */
  headers?: Record<string, string>;
};

/** The SMTP server's answer: accepted (with its reply line, e.g. "250 OK: queued"), or refused / unreachable. */
export type SmtpAnswer = { accepted: true; response: string; messageId: string } | { accepted: false; response: string; permanent: boolean };

/** Whether the operator has turned our own email on. */
export const ownEmail = (): boolean => env().SMTP_URL !== undefined;

let transporter: Transporter | undefined;
const transport = (url: string) => (transporter ??= nodemailer.createTransport(url));

/** Sends one message; never throws for an SMTP refusal, which is returned with its reply for the ledger. */
export async function sendEmail(message: OutgoingEmail): Promise<SmtpAnswer> {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set: the app sends no email of its own");
  try {
    // The recipient as a structured address, so nodemailer never parses it as a list of addresses.
    const info = await transport(url).sendMail({ from: env().EMAIL_FROM, ...message, to: { name: "", address: message.to } });
    if (info.rejected.length > 0) return { accepted: false, response: info.response, permanent: true };
    return { accepted: true, response: info.response, messageId: info.messageId };
  } catch (error) {
    // nodemailer gives an SMTP refusal's reply code as responseCode: 5xx is permanent (a bounce), 4xx and
    // connection failures are worth trying again.
    const code = (error as { responseCode?: number }).responseCode;
    const response = (error as { response?: string }).response ?? (error instanceof Error ? error.message : String(error));
    return { accepted: false, response, permanent: code !== undefined && code >= 500 };
  }
}
