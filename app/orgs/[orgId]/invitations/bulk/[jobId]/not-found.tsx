import { NotFoundNotice } from "@/components/not-found-notice";

export default function BulkJobNotFound() {
  return <NotFoundNotice message="There is no such bulk job in this organization." />;
}
