import { renderGeneric } from "./generic";
import { renderMaven } from "./maven";
import type { PackageType, Snippet, SnippetInput, SnippetSet } from "./model";
import { renderNpm } from "./npm";
import { renderNuget } from "./nuget";
import { renderPypi } from "./pypi";
import { ruleNotes } from "./rules";

// Every snippet for one package type, scope and credential, with the rules that apply.

export const RENDERERS: Record<PackageType, (input: SnippetInput) => Snippet[]> = {
  npm: renderNpm,
  pypi: renderPypi,
  maven: renderMaven,
  nuget: renderNuget,
  generic: renderGeneric,
};

export function renderSnippets(type: PackageType, input: SnippetInput): SnippetSet {
  return { snippets: RENDERERS[type](input), notes: ruleNotes(type, input) };
}

export * from "./model";
export { CREDENTIAL_CHOICES, SCOPE_CHOICES } from "./rules";
