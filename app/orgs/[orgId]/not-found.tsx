import { NotFoundNotice } from "@/components/not-found-notice";

export default function OrganizationNotFound() {
  return <NotFoundNotice message="There is no such organization." />;
}
