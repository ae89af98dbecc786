import { Hourglass } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requestBoundMs, withinRequest } from "@/lib/bounded";

// Pages answer within the same bound as the API (lib/api/route.ts): a server component that
// waits on a database that does not answer (a table locked by maintenance, a server that
// stopped responding) renders "did not answer in time" once the bound passes, instead of a
// page that never finishes loading; the statements it still waits on are cancelled, so they
// do not hold the pool's connections. Redirects, not-found and errors pass through unchanged.

export function NotInTime({ seconds }: { seconds: number }) {
  return (
    <EmptyState
      icon={Hourglass}
      title="This did not load in time"
      description={`The portal's database did not answer within ${seconds} second${seconds === 1 ? "" : "s"}. Nothing was changed. Try again in a minute; if it keeps happening, tell the portal's maintainers.`}
      action={
        // An empty href is this same address: following it loads the page again.
        <Button asChild>
          <a href="">Try again</a>
        </Button>
      }
    />
  );
}

/** The component, answering "did not load in time" once the request bound passes. */
export function bounded<P>(
  component: (props: P) => Promise<ReactNode>,
): (props: P) => Promise<ReactNode> {
  const Bounded = (props: P) => {
    const bound = requestBoundMs();
    return withinRequest<ReactNode>(
      bound,
      () => component(props),
      () => <NotInTime seconds={Math.round(bound / 1000)} />,
    );
  };
  Bounded.displayName = `bounded(${component.name || "component"})`;
  return Bounded;
}
