import type { Metadata } from "next";
import { NotFoundNotice } from "@/components/not-found-notice";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return <NotFoundNotice message="There is no such page." />;
}
