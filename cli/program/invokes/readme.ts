// Rewrites the README's table of offline invokes from the table in this folder:
// `npx ts-node --transpile-only cli/program/invokes/readme.ts`. A test fails when they differ.

import * as fs from "fs";
import * as path from "path";
import { invokeTableMarkdown } from ".";

const START = "<!-- offline-invokes:start -->";
const END = "<!-- offline-invokes:end -->";

/** The README text with the section between the markers replaced by the current table. */
export function withInvokeTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${START} ... ${END} section. To fix: add the two markers where the table belongs.`);
  }
  return readme.slice(0, start + START.length) + "\n" + invokeTableMarkdown() + readme.slice(end);
}

if (require.main === module) {
  const file = path.resolve(__dirname, "../../../README.md");
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, withInvokeTable(fs.readFileSync(file, "utf8")));
  fs.renameSync(tmp, file);
}
