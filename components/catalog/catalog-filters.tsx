"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { CATALOG_STATUSES } from "@/lib/validations/catalog";
import type { CatalogUrlState } from "./catalog-params";

// Secondary filters: group, project, status, published between, last downloaded.

type Props = {
  state: CatalogUrlState;
  set: (patch: Partial<CatalogUrlState>) => void;
  groups: Array<{ id: number; fullPath: string }>;
};

export function CatalogFilters({ state, set, groups }: Props) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <div className="grid gap-1.5">
        <Label htmlFor="f-group">Group</Label>
        <Select
          id="f-group"
          value={state.group}
          onChange={(e) => set({ group: e.target.value, page: 1 })}
        >
          <option value="">All groups</option>
          {groups.map((g) => (
            <option key={g.id} value={g.fullPath}>
              {g.fullPath}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="f-project">Project</Label>
        <Input
          id="f-project"
          placeholder="group/project or id"
          defaultValue={state.project}
          onBlur={(e) => set({ project: e.target.value.trim(), page: 1 })}
          onKeyDown={(e) => {
            if (e.key === "Enter") set({ project: e.currentTarget.value.trim(), page: 1 });
          }}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="f-status">Status</Label>
        <Select
          id="f-status"
          value={state.status ?? ""}
          onChange={(e) =>
            set({ status: (e.target.value || null) as CatalogUrlState["status"], page: 1 })
          }
        >
          <option value="">Any status</option>
          {CATALOG_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </div>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-sm font-medium">Last downloaded</legend>
        <div className="flex items-center gap-2">
          <Input
            type="date"
            aria-label="Last downloaded before"
            value={state.downloaded_before}
            onChange={(e) => set({ downloaded_before: e.target.value, page: 1 })}
          />
          <label className="flex items-center gap-1.5 whitespace-nowrap text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={state.never_downloaded}
              onChange={(e) => set({ never_downloaded: e.target.checked, page: 1 })}
            />
            or never
          </label>
        </div>
      </fieldset>
      <fieldset className="grid gap-1.5 sm:col-span-2">
        <legend className="mb-1.5 text-sm font-medium">Published between</legend>
        <div className="flex items-center gap-2">
          <Input
            type="date"
            aria-label="Published from"
            value={state.published_from}
            onChange={(e) => set({ published_from: e.target.value, page: 1 })}
          />
          <span className="text-muted-foreground">–</span>
          <Input
            type="date"
            aria-label="Published to"
            value={state.published_to}
            onChange={(e) => set({ published_to: e.target.value, page: 1 })}
          />
        </div>
      </fieldset>
      {state.view === "packages" ? (
        <p className="text-xs text-muted-foreground sm:col-span-2 lg:col-span-4">
          Each row is a package: dates apply to its newest version and its last download, and a
          status or a version in the search keeps packages holding a matching version. Switch to All
          versions to filter versions one by one.
        </p>
      ) : null}
    </div>
  );
}
