"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes } from "@/lib/format";

/** Bytes freed per run, oldest left (recharts). */
export function BytesChart({ runs }: { runs: { id: number; label: string; bytes: number }[] }) {
  return (
    <figure aria-label="Bytes freed per run" className="h-56 w-full text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={runs} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" stroke="var(--muted-foreground)" tickLine={false} />
          <YAxis
            stroke="var(--muted-foreground)"
            tickLine={false}
            width={64}
            tickFormatter={(v: number) => formatBytes(v, "0 B")}
          />
          <Tooltip
            cursor={{ fill: "var(--accent)" }}
            contentStyle={{
              background: "var(--popover)",
              color: "var(--popover-foreground)",
              border: "1px solid var(--border)",
              borderRadius: 6,
            }}
            formatter={(v) => [formatBytes(Number(v), "0 B"), "Freed"]}
          />
          <Bar dataKey="bytes" fill="var(--primary)" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
