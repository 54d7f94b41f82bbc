import "server-only";
import { Body, Container, Heading, Html, Link, Preview, Text } from "@react-email/components";
import { render } from "@react-email/render";
import { noticeHeadline, noticeNextStep, type NoticeFacts } from "./wording";

// The email telling someone what became of an invitation, built with React Email (https://react.email) so that
// it renders in common clients, with a plain-text part.

type Props = { notice: NoticeFacts; historyUrl: string; settingsUrl: string };

function OutcomeEmail({ notice, historyUrl, settingsUrl }: Props) {
  const headline = noticeHeadline(notice);
  const next = noticeNextStep(notice);
  return (
    <Html lang="en">
      <Preview>{headline}</Preview>
      <Body style={{ fontFamily: "Arial, Helvetica, sans-serif", color: "#18181b", backgroundColor: "#ffffff" }}>
        <Container style={{ maxWidth: "560px", padding: "24px" }}>
          <Heading as="h1" style={{ fontSize: "20px" }}>{notice.organizationName}</Heading>
          <Text style={{ fontSize: "16px" }}>{headline}.</Text>
          {next && <Text style={{ fontSize: "16px" }}>{next}</Text>}
          <Text style={{ fontSize: "16px" }}>
            <Link href={historyUrl}>See the invitation&apos;s history</Link>
          </Text>
          <Text style={{ fontSize: "13px", color: "#52525b" }}>
            You get these emails because you sent the invitation{notice.recipientRole === "admin" ? " (or administer the organization support sent it for)" : ""}.{" "}
            <Link href={settingsUrl}>Turn them off in your settings</Link>.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The email's subject, HTML and plain-text parts. */
export async function outcomeEmail(props: Props): Promise<{ subject: string; html: string; text: string }> {
  const element = <OutcomeEmail {...props} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: noticeHeadline(props.notice, { naming: false }), html, text };
}
