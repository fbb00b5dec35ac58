// The mocks a program runs under offline: resources keep their inputs as state (outputs the
// program did not set stay unknown, as in a preview), StackReferences have unknown outputs, and
// invokes in the offline table (invokes/) get plausible, deterministic answers; other invokes echo
// their inputs. Every answered invoke is counted so the preview can mark it "looked up offline".

import type * as pulumi from "@pulumi/pulumi";
import { invokeRegion, OFFLINE_INVOKES, packageOfToken } from "./invokes";

/** The wire form of an unknown value (the engine's UnknownStringValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** An invoke answered offline and how often. */
export interface Lookup {
  readonly token: string;
  readonly calls: number;
  /** Regions (or locations) the calls were made in. */
  readonly regions: readonly string[];
}

/** What the mocks saw while the program ran. */
export interface MockLog {
  /** Invokes answered from the offline table. */
  lookups(): Lookup[];
  /** Invokes not in the table (answered with their own inputs), sorted. */
  unknownInvokes(): string[];
  /** Stacks the program referenced (their outputs are unknown offline), sorted. */
  stackReferences(): string[];
}

/** The program's identity and configuration, which some answers depend on. */
export interface MockContext {
  readonly project: string;
  readonly stack: string;
  readonly organization: string;
  /** The stack configuration (namespaced keys). */
  readonly config: Readonly<Record<string, string>>;
}

/** The mocks for one run, and the log of what they answered. */
export function offlineMocks(ctx: MockContext): { mocks: pulumi.runtime.Mocks; log: MockLog } {
  const providers = new Map<string, Record<string, unknown>>();
  const lookups = new Map<string, { calls: number; regions: Set<string> }>();
  const unknown = new Set<string>();
  const references = new Set<string>();

  /** Settings of the provider a call uses: an explicit provider's inputs, else the stack's `<pkg>:` keys. */
  const settingsFor = (token: string, provider: string | undefined) => {
    const pkg = packageOfToken(token);
    const urn = provider ? provider.slice(0, provider.lastIndexOf("::")) : "";
    const parts = urn.split("::");
    const explicit = parts.length >= 2 ? providers.get(`${parts[parts.length - 2].split("$").pop()}::${parts[parts.length - 1]}`) : undefined;
    return (key: string): string | undefined => {
      const v = explicit ? explicit[key] : ctx.config[`${pkg}:${key}`];
      return typeof v === "string" && v !== "" ? v : undefined;
    };
  };

  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      if (args.type.startsWith("pulumi:providers:")) providers.set(`${args.type}::${args.name}`, args.inputs ?? {});
      if (args.type === "pulumi:pulumi:StackReference") {
        references.add(String(args.inputs?.name ?? args.name));
        return { id: String(args.inputs?.name ?? args.name), state: { name: args.inputs?.name ?? args.name, outputs: UNKNOWN, secretOutputNames: [] } };
      }
      const id = args.id || (args.custom ? `${args.name}-id` : undefined);
      return { id, state: args.inputs };
    },
    call(args) {
      const invoke = OFFLINE_INVOKES.get(args.token);
      if (!invoke) {
        unknown.add(args.token);
        return args.inputs;
      }
      const setting = settingsFor(args.token, args.provider);
      const region = invokeRegion(args.token, args.inputs ?? {}, setting);
      const seen = lookups.get(args.token) ?? { calls: 0, regions: new Set<string>() };
      seen.calls++;
      if (region) seen.regions.add(region);
      lookups.set(args.token, seen);
      return invoke.answer(args.inputs ?? {}, { region, setting, project: ctx.project, stack: ctx.stack, organization: ctx.organization });
    },
  };
  const log: MockLog = {
    lookups: () =>
      [...lookups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([token, l]) => ({ token, calls: l.calls, regions: [...l.regions].sort() })),
    unknownInvokes: () => [...unknown].sort(),
    stackReferences: () => [...references].sort(),
  };
  return { mocks, log };
}
