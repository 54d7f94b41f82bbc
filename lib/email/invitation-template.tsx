import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import { render } from "@react-email/render";
import { utcText } from "@/lib/format/exact-time";

// The invitation email the app sends itself, built with React Email (https://react.email) so that it renders
// in common clients (tables and inline styles), with a plain-text part made from the same markup. It wears
// the organization's Auth0 branding and links to our landing page, never straight to Auth0.

export type InvitationEmailContent = {
  kind: "invitation" | "reminder";
  organizationName: string;
  logoUrl?: string;
  primaryColor?: string;
  inviterName: string;
  roleNames: string[];
  expiresAt: Date;
  /** `${NEXTAUTH_URL}/join/{token}`. */
  joinUrl: string;
};

// Auth0 accepts only hex colours here (format html-color); anything else falls back rather than reach a style.
const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
/** Only an https logo is shown: a data: or http: one could carry anything, or track over plain text. */
const isHttps = (url: string) => URL.canParse(url) && new URL(url).protocol === "https:";
const DEFAULT_COLOUR = "#1f4fd1";

export function invitationSubject({ kind, organizationName, inviterName }: InvitationEmailContent): string {
  const invited = `${inviterName} invited you to join ${organizationName}`;
  return kind === "reminder" ? `Reminder: ${invited}` : invited;
}

function InvitationEmail(content: InvitationEmailContent) {
  const { organizationName, logoUrl, inviterName, roleNames, expiresAt, joinUrl, kind } = content;
  const colour = content.primaryColor && HEX_COLOUR.test(content.primaryColor) ? content.primaryColor : DEFAULT_COLOUR;
  return (
    <Html lang="en">
      <Head />
      <Preview>{invitationSubject(content)}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "Arial, Helvetica, sans-serif", color: "#1a1a1a" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px", borderTop: `4px solid ${colour}` }}>
          {logoUrl && isHttps(logoUrl) && <Img src={logoUrl} alt={`${organizationName} logo`} height="48" style={{ marginBottom: "16px" }} />}
          <Heading as="h1" style={{ fontSize: "22px" }}>
            Join {organizationName}
          </Heading>
          {kind === "reminder" && <Text>This is a reminder: your invitation is still waiting for you.</Text>}
          <Text>
            {inviterName} invited you to join {organizationName}
            {roleNames.length > 0 ? ` as ${roleNames.join(", ")}` : ""}.
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button href={joinUrl} style={{ backgroundColor: colour, color: "#ffffff", padding: "12px 20px", borderRadius: "4px" }}>
              Accept the invitation
            </Button>
          </Section>
          <Text>The invitation expires on {utcText(expiresAt)}.</Text>
          <Text style={{ fontSize: "13px", color: "#555555" }}>
            If the button does not work, open this address: <Link href={joinUrl}>{joinUrl}</Link>
          </Text>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#555555" }}>If you did not expect this invitation, you can ignore this email.</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The email's subject, HTML and plain-text parts. */
export async function renderInvitationEmail(content: InvitationEmailContent): Promise<{ subject: string; html: string; text: string }> {
  const element = <InvitationEmail {...content} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: invitationSubject(content), html, text };
}
