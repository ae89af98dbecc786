import { DeleteFileButton } from "@/components/packages/delete-file-button";
import { CopyButton } from "@/components/ui/copy-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { PackageDetailView } from "@/lib/catalog/browse";
import { formatBytes, truncateHash } from "./format";

type File = PackageDetailView["files"][number];

function Hash({ label, value, file }: { label: string; value: string | null; file: string }) {
  if (!value) return null;
  return (
    <div className="flex items-center gap-1">
      <span className="w-14 shrink-0 text-xs uppercase text-muted-foreground">{label}</span>
      <code className="font-mono text-xs" title={value}>
        {truncateHash(value)}
      </code>
      <CopyButton
        value={value}
        label={`Copy ${label} of ${file}`}
        toastMessage={`${label} copied`}
      />
    </div>
  );
}

function Hashes({ file }: { file: File }) {
  return (
    <>
      <Hash label="sha256" value={file.file_sha256} file={file.file_name} />
      <Hash label="sha1" value={file.file_sha1} file={file.file_name} />
      <Hash label="md5" value={file.file_md5} file={file.file_name} />
    </>
  );
}

export function PackageFiles({
  files,
  deletable,
}: {
  files: File[];
  /** Set when the user may delete files here: adds a per-file delete button. */
  deletable?: { packageId: number; label: string };
}) {
  if (!files.length) return <p className="text-sm text-muted-foreground">Files not fetched yet.</p>;
  return (
    <Table>
      <THead>
        <tr>
          <TH>File</TH>
          <TH className="hidden text-right sm:table-cell">Size</TH>
          <TH className="hidden sm:table-cell">Checksums</TH>
          {deletable ? <TH className="sr-only">Actions</TH> : null}
        </tr>
      </THead>
      <TBody>
        {files.map((f) => (
          <TR key={f.id}>
            <TD className="min-w-0 break-all font-mono text-xs">
              {f.file_name}
              {/* Narrow screens: size and checksums stack under the name instead of squeezing it. */}
              <div className="mt-2 space-y-1 font-sans sm:hidden">
                <div className="text-sm">{formatBytes(f.size)}</div>
                <Hashes file={f} />
              </div>
            </TD>
            <TD className="hidden whitespace-nowrap text-right sm:table-cell">
              {formatBytes(f.size)}
            </TD>
            <TD className="hidden sm:table-cell">
              <Hashes file={f} />
            </TD>
            {deletable ? (
              <TD className="text-right">
                <DeleteFileButton
                  packageId={deletable.packageId}
                  packageLabel={deletable.label}
                  file={{ id: f.id, fileName: f.file_name, size: f.size }}
                  isLastFile={files.length === 1}
                />
              </TD>
            ) : null}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
