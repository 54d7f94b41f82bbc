// The emulator's SMTP sink: the app's own invitation emails (SMTP_URL pointed here) land in the same mailbox
// as Auth0's, marked as sent by the app. The `smtp-answers` control makes it refuse the next messages, for the
// app's retries and bounces.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { EmulatorContext } from "./context.ts";

const LINK = /href="([^"]+)"/g;
const decodeEntities = (text: string) => text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");

/** Every link of an HTML email, in order, once each. */
export function linksOf(html: string): string[] {
  return [...new Set([...html.matchAll(LINK)].map((match) => decodeEntities(match[1]!)))];
}

/** A refusal as the SMTP server would answer (nodemailer reads `responseCode`). */
function refusal(code: number): Error {
  const message = code >= 500 ? "Mailbox unavailable (refused by the emulator's SMTP sink)" : "Try again later (the emulator's SMTP sink)";
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpSink(ctx: EmulatorContext, host: string, port: number): Promise<() => Promise<void>> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      void simpleParser(stream).then(
        (mail) => {
          const { to } = ctx.smtpAnswers;
          const aimedAt = !to || session.envelope.rcptTo.some((recipient) => recipient.address.toLowerCase() === to);
          const code = (aimedAt ? ctx.smtpAnswers.codes.shift() : undefined) ?? 250;
          if (code >= 400) return callback(refusal(code));
          const html = typeof mail.html === "string" ? mail.html : "";
          const links = linksOf(html);
          const invitationId = String(mail.headers.get("x-invitation-id") ?? "");
          const invitation = ctx.tenant.state.invitations.find((i) => i.id === invitationId);
          ctx.tenant.state.mailbox.push({
            to: mail.to ? [mail.to].flat().flatMap((address) => address.value.map((a) => a.address ?? "")).join(", ") : "",
            subject: mail.subject ?? "",
            invitation_id: invitationId,
            invitation_url: links[0] ?? "",
            organization_id: invitation?.organization_id ?? "",
            sent_at: new Date().toISOString(),
            sent_by: "app",
            from: mail.from?.text ?? "",
            html,
            text: mail.text ?? "",
            links,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
