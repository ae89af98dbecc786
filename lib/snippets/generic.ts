import { ref, show, TOKEN_HEADERS, type Snippet, type SnippetInput } from "./model";
import { ciProjectId, instanceUrls } from "./urls";

// Generic: curl upload (plain and with ?status=), curl and wget download, .gitlab-ci.yml upload
// on tags and download — the guide's "Generic Packages" section. GitLab has no group endpoint
// for generic packages, so there is nothing to render for a group.

export function renderGeneric(input: SnippetInput): Snippet[] {
  if (input.scope.kind !== "project") return [];
  const urls = instanceUrls(input.instanceUrl);
  const cred = input.credential;
  const header = `${TOKEN_HEADERS[cred.kind].upper}: ${ref(cred.token)}`;
  const base = `${urls.api}/projects/${show(input.scope.id)}/packages/generic`;
  const name = input.packageName !== undefined ? show(input.packageName) : "my-package";
  const version = input.version !== undefined ? show(input.version) : "1.0.0";
  const file = input.fileName ?? "file.tar.gz";
  const ciFile = input.fileName ?? "artifact.zip";
  const fileUrl = `${base}/${name}/${version}/${file}`;
  const ciUrl = (v: string) =>
    `\${CI_API_V4_URL}/projects/${ciProjectId(input.scope.id)}/packages/generic/${name}/${v}/${ciFile}`;
  return [
    {
      id: "generic-upload",
      title: "Upload",
      filename: "upload.sh",
      language: "shellscript",
      tool: "curl",
      purpose: "publish",
      content: [
        `curl --header "${header}" \\`,
        `  --upload-file path/to/${file} \\`,
        `  "${fileUrl}"`,
      ].join("\n"),
      note: "Uploading a file name that already exists in this version appends a duplicate, or fails with 400 when the group disallows duplicates — publish a new version instead of overwriting.",
    },
    {
      id: "generic-upload-status",
      title: "Upload with status",
      filename: "upload-status.sh",
      language: "shellscript",
      tool: "curl",
      purpose: "publish",
      content: [
        `curl --header "${header}" \\`,
        `  --upload-file ${ciFile} \\`,
        `  "${base}/${name}/${version}/${ciFile}?status=default"`,
      ].join("\n"),
      note: "status=hidden keeps the package installable but out of the default listings.",
    },
    {
      id: "generic-download-curl",
      title: "Download with curl",
      filename: "download.sh",
      language: "shellscript",
      tool: "curl",
      purpose: "install",
      content: [`curl --header "${header}" \\`, `  "${fileUrl}" \\`, `  --output ${file}`].join(
        "\n",
      ),
    },
    {
      id: "generic-download-wget",
      title: "Download with wget",
      filename: "download-wget.sh",
      language: "shellscript",
      tool: "wget",
      purpose: "install",
      content: [`wget --header="${header}" \\`, `  "${fileUrl}"`].join("\n"),
    },
    {
      id: "generic-gitlab-ci",
      title: ".gitlab-ci.yml (upload on tags, download)",
      filename: ".gitlab-ci.yml",
      language: "yaml",
      tool: "ci",
      purpose: "ci",
      content: [
        "upload:",
        "  script:",
        `    - 'curl --header "${header}" --upload-file build/${ciFile} "${ciUrl("${CI_COMMIT_TAG}")}"'`,
        "  only:",
        "    - tags",
        "",
        "download:",
        "  script:",
        `    - 'curl --header "${header}" "${ciUrl(version)}" -o ${ciFile}'`,
      ].join("\n"),
    },
  ];
}
