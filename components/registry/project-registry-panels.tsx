import { DeployTokensSection } from "./deploy-tokens-section";
import { HealthSection } from "./health-section";
import { JobTokenAllowlistSection } from "./job-token-allowlist-section";
import { RegistryAccessSection } from "./registry-access-section";

/** The project page's registry settings: access, deploy tokens, job token allowlist, health. */
export function ProjectRegistryPanels({
  projectId,
  visibility,
}: {
  projectId: number;
  visibility: string;
}) {
  return (
    <section aria-label="Registry settings" className="mt-6 grid gap-4">
      <RegistryAccessSection projectId={projectId} visibility={visibility} />
      <DeployTokensSection scope="project" scopeId={projectId} />
      <JobTokenAllowlistSection projectId={projectId} />
      <HealthSection scope="project" scopeId={projectId} />
    </section>
  );
}
