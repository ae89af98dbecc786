import { PoliciesSkeleton } from "@/components/policies/policies-skeleton";

export default function Loading() {
  return <PoliciesSkeleton />;
}
