// The emulator's plain pages: the login form, a message page, and the mailbox. Every input has a visible label.
import type { MailMessage } from "./tenant.ts";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f4f5;margin:0;padding:3rem 1rem}
main{max-width:22rem;margin:0 auto;background:#fff;border-radius:.5rem;padding:1.5rem 2rem;box-shadow:0 1px 3px #0002}
label{display:block;font-weight:600;margin:1rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #a1a1aa;border-radius:.25rem;font-size:1rem}
button{margin-top:1.25rem;width:100%;padding:.6rem;border:0;border-radius:.25rem;background:#1d4ed8;color:#fff;font-size:1rem;cursor:pointer}
.error{color:#b91c1c;background:#fef2f2;padding:.5rem;border-radius:.25rem}.note{color:#3f3f46}
main.wide{max-width:48rem}.mail{list-style:none;padding:0}.mail li{border-top:1px solid #e4e4e7;padding:.75rem 0;overflow-wrap:anywhere}
.mail p{margin:.2rem 0}.sender{font-weight:600}.sender-app{color:#166534}.sender-auth0{color:#3f3f46}
.email{width:100%;height:28rem;border:1px solid #e4e4e7}`;

function layout(title: string, body: string, wide = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Auth0 emulator</title><style>${STYLE}</style></head>
<body><main${wide ? ' class="wide"' : ""}><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export function renderMessagePage(title: string, bodyHtml: string): string {
  return layout(title, bodyHtml);
}

export type LoginPageOptions = {
  action: string;
  email: string;
  error?: string;
  invitation?: { organization: string; inviter: string };
};

export function renderLoginPage({ action, email, error, invitation }: LoginPageOptions): string {
  const intro = invitation
    ? `<p class="note">${escapeHtml(invitation.inviter)} invited you to join <strong>${escapeHtml(invitation.organization)}</strong>.
       Sign in with the invited address, or choose a password to create your account.</p>`
    : `<p class="note">Sign in to continue.</p>`;
  return layout(
    invitation ? "Accept your invitation" : "Log in",
    `${intro}${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${escapeHtml(action)}">
  <label for="email">Email address</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">${invitation ? "Accept and continue" : "Continue"}</button>
</form>`,
  );
}

/** Auth0's email: its link. */
function auth0Mail(m: MailMessage): string {
  return `<p><a href="${escapeHtml(m.invitation_url)}">Accept the invitation</a> <span class="note">(${escapeHtml(m.invitation_url)})</span></p>`;
}

/** The app's email: its sender, every link (clickable), and the email itself as it would show. */
function appMail(m: MailMessage): string {
  const links = (m.links ?? []).map((link) => `<li><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></li>`).join("");
  return `<p><strong>From:</strong> ${escapeHtml(m.from ?? "")}</p>
  <p><strong>Links:</strong></p><ul class="links">${links}</ul>
  <iframe sandbox srcdoc="${escapeHtml(m.html ?? "")}" title="The email to ${escapeHtml(m.to)}" class="email"></iframe>`;
}

const SENDERS = { auth0: "Sent by Auth0", app: "Sent by the app" } as const;

/** The emails the emulator "sent", and those the app sent through the SMTP sink, newest first, for a person following the demo. */
export function renderMailboxPage(messages: MailMessage[]): string {
  if (messages.length === 0) return layout("Mailbox", `<p class="note">No emails yet. Invite someone from the app.</p>`, true);
  const items = [...messages]
    .reverse()
    .map(
      (m) => `<li>
  <p class="sender sender-${m.sent_by}">${SENDERS[m.sent_by]}</p>
  <p><strong>To:</strong> ${escapeHtml(m.to)}</p>
  <p><strong>Subject:</strong> ${escapeHtml(m.subject)}</p>
  <p><strong>Sent:</strong> <time datetime="${escapeHtml(m.sent_at)}">${escapeHtml(m.sent_at)}</time></p>
  ${m.sent_by === "app" ? appMail(m) : auth0Mail(m)}
</li>`,
    )
    .join("\n");
  const count = `${messages.length} email${messages.length === 1 ? "" : "s"}, newest first.`;
  return layout("Mailbox", `<p class="note">${count}</p><ul class="mail">${items}</ul>`, true);
}
