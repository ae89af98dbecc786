import { env } from "@/lib/env";

/** Is GitLab up? Any answer below 500 counts: a 401 still proves its API is answering. */
export async function isGitlabAnswering(): Promise<boolean> {
  try {
    const res = await fetch(`${env().gitlabUrl}/api/v4/version`, {
      signal: AbortSignal.timeout(5000),
    });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
}
