"use client";

import { useEffect } from "react";
import { noteVisitAction } from "./actions";

/** Notes this home page view once it is shown; the page itself only reads. */
export function NoteVisit() {
  useEffect(() => {
    void noteVisitAction({});
  }, []);
  return null;
}
