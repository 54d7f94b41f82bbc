// The invitation email: what it must carry, in both parts, and where its link goes.
import { describe, expect, it } from "vitest";
import { renderInvitationEmail } from "./invitation-template";

const JOIN = "https://invites.example.com/join/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";
const content = {
  kind: "invitation" as const,
  organizationName: "Acme Corp",
  logoUrl: "https://acme.test/logo.png",
  primaryColor: "#0b6e4f",
  inviterName: "Alice Admin",
  roleNames: ["Member", "Billing"],
  expiresAt: new Date("2026-12-12T10:30:00Z"),
  joinUrl: JOIN,
};

describe("the invitation email", () => {
  it("carries the organization's name and branding, the inviter, the roles and the expiry, in HTML and plain text", async () => {
    const { subject, html, text } = await renderInvitationEmail(content);
    expect(subject).toBe("Alice Admin invited you to join Acme Corp");
    expect(html).toContain('src="https://acme.test/logo.png"');
    expect(html).toContain('alt="Acme Corp logo"');
    expect(html).toContain("#0b6e4f");
    for (const part of [html, text]) {
      expect(part).toContain("Acme Corp");
      expect(part).toContain("Alice Admin");
      expect(part).toContain("Member, Billing");
      expect(part).toContain("12 Dec 2026, 10:30 UTC");
      expect(part).toContain(JOIN);
    }
    expect(text).not.toContain("<");
  });

  it("links only to the landing page, never to Auth0", async () => {
    const { html } = await renderInvitationEmail(content);
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links)).toEqual(new Set([JOIN]));
  });

  it("escapes what Auth0 and inviters supply, and wears a default colour for one that is not a hex colour", async () => {
    const { html } = await renderInvitationEmail({ ...content, organizationName: "<script>x</script>", inviterName: 'Eve "<b>"', primaryColor: "red;background:url(x)" });
    expect(html).not.toContain("<script>x</script>");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("url(x)");
    expect(html).toContain("#1f4fd1");
  });

  it.each(["http://acme.test/logo.png", "data:image/svg+xml;base64,PHN2Zy8+", "not a url"])("shows no logo from %s, only an https one", async (logoUrl) => {
    const { html } = await renderInvitationEmail({ ...content, logoUrl });
    expect(html).not.toContain("<img");
  });

  it("says a reminder is one, and leaves out a logo the organization has not set", async () => {
    const { subject, html, text } = await renderInvitationEmail({ ...content, kind: "reminder", logoUrl: undefined, roleNames: [] });
    expect(subject).toBe("Reminder: Alice Admin invited you to join Acme Corp");
    expect(text).toContain("This is a reminder");
    expect(html).not.toContain("<img");
    expect(text).toContain("invited you to join Acme Corp.");
  });
});
