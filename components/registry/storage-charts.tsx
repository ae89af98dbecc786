"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatBytes } from "@/lib/format";
import type { StorageRow } from "@/lib/reports/registry-health";

const TYPE_COLOURS: Record<string, string> = {
  npm: "#dc2626",
  pypi: "#2563eb",
  maven: "#ea580c",
  nuget: "#7c3aed",
  generic: "#64748b",
};

function sum(rows: StorageRow[], key: (r: StorageRow) => string) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.bytes);
  return [...m].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Storage by project and by package type, with a table beside each chart for screen readers. */
export function StorageCharts({ rows }: { rows: StorageRow[] }) {
  if (rows.length === 0) return null;
  const byProject = sum(rows, (r) => r.project.split("/").pop() ?? r.project).slice(0, 12);
  const byType = sum(rows, (r) => r.package_type);
  const chart = (
    data: { name: string; bytes: number }[],
    title: string,
    colour: (n: string) => string,
  ) => (
    <figure className="min-w-0 space-y-2">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div className="h-56 w-full text-xs" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {/* The table below carries the data for assistive tech: the hidden chart must not
              take keyboard focus (recharts' accessibility layer makes it focusable). */}
          <BarChart
            data={data}
            layout="vertical"
            margin={{ left: 8, right: 16 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} className="stroke-border" />
            <XAxis
              type="number"
              tickFormatter={(v: number) => formatBytes(v)}
              stroke="currentColor"
            />
            <YAxis
              type="category"
              dataKey="name"
              width={110}
              interval={0}
              tick={{ fontSize: 11 }}
              stroke="currentColor"
            />
            <Tooltip
              formatter={(v) => formatBytes(Number(v))}
              contentStyle={{
                background: "var(--popover)",
                color: "var(--popover-foreground)",
                borderRadius: 6,
              }}
            />
            <Bar dataKey="bytes" name="Storage" radius={3}>
              {data.map((d) => (
                <Cell key={d.name} fill={colour(d.name)} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <tbody>
          {data.map((d) => (
            <tr key={d.name}>
              <th>{d.name}</th>
              <td>{formatBytes(d.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
        {data.slice(0, 5).map((d) => (
          <li key={d.name}>
            <span
              className="mr-1 inline-block size-2 rounded-full"
              style={{ background: colour(d.name) }}
            />
            {d.name}: {formatBytes(d.bytes)}
          </li>
        ))}
      </ul>
    </figure>
  );
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {chart(byProject, "Storage by project", () => "#6366f1")}
      {chart(byType, "Storage by type", (n) => TYPE_COLOURS[n] ?? "#6366f1")}
    </div>
  );
}
