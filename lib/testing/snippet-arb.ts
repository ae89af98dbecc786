import fc from "fast-check";
import {
  CREDENTIAL_KINDS,
  credentialFor,
  PACKAGE_TYPES,
  type SnippetInput,
} from "@/lib/snippets/model";

// Any snippet input the portal can be asked for, for the snippets' property tests.

const instance = fc.constantFrom(
  "https://gitlab.example.com",
  "http://localhost:4999",
  "https://git.example.org:8443/gitlab",
  "http://10.0.0.5/gl/",
);
const username = fc.constantFrom("gitlab+deploy-token-7", "alice", "svc.bot", undefined);
export const arbInput = fc.record({
  type: fc.constantFrom(...PACKAGE_TYPES),
  kind: fc.constantFrom(...CREDENTIAL_KINDS),
  scope: fc.constantFrom("project" as const, "group" as const),
  id: fc.integer({ min: 1, max: 99_999 }),
  instanceUrl: instance,
  username,
  version: fc.option(fc.constantFrom("1.0.0", "2.3.4-rc.1", "0.1.0.dev1"), { nil: undefined }),
});

type Arb = typeof arbInput extends fc.Arbitrary<infer T> ? T : never;

export function build(a: Arb): SnippetInput {
  return {
    instanceUrl: a.instanceUrl,
    scope: { kind: a.scope, id: a.id },
    credential: credentialFor(a.kind, { username: a.username }),
    version: a.version,
    rootNamespace: "platon",
  };
}
