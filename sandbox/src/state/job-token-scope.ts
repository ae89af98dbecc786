// CI/CD job token scope of a project (GitLab's Ci::JobToken::Scope): whether job tokens of other
// projects are limited to an inbound allowlist, and the projects and groups on that list.
import type { Store } from "./store";

export interface JobTokenScope {
  /** "Limit access to this project": only allowlisted projects' job tokens may reach it */
  inboundEnabled: boolean;
  projects: number[];
  groups: number[];
}

const DEFAULT_SCOPE: JobTokenScope = { inboundEnabled: true, projects: [], groups: [] };

/** New projects limit inbound access (GitLab's default since 16.0). */
export function jobTokenScopeOf(store: Store, projectId: number): JobTokenScope {
  let scope = store.jobTokenScopes.get(projectId);
  if (!scope) {
    scope = { ...DEFAULT_SCOPE, projects: [], groups: [] };
    store.jobTokenScopes.set(projectId, scope);
  }
  return scope;
}

/**
 * May a job of `sourceProjectId` use its token on `targetProjectId`? Its own project always;
 * another only when that project does not limit inbound access or allowlists the source
 * project or one of its ancestor groups.
 */
export function jobTokenAllowed(store: Store, sourceProjectId: number, targetProjectId: number) {
  if (sourceProjectId === targetProjectId) return true;
  const scope = store.jobTokenScopes.get(targetProjectId) ?? DEFAULT_SCOPE;
  if (!scope.inboundEnabled) return true;
  if (scope.projects.includes(sourceProjectId)) return true;
  const source = store.projectsById.get(sourceProjectId);
  if (!source) return false;
  return store.ancestors(source.groupId).some((g) => scope.groups.includes(g.id));
}
