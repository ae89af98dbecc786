import { ref, show, showUsername, type Snippet, type SnippetInput } from "./model";
import { ciProjectId, instanceUrls, scopePath, userinfo } from "./urls";

// PyPI: pip.conf, PIP_INDEX_URL, .pypirc, twine upload (file and environment forms),
// pip install --index-url, .gitlab-ci.yml — the guide's "Python Packages (PyPI)" section.

export const PYPI_DEFAULT_PACKAGE = "my-package";

const FILE_NOTE =
  "pip and twine read this file literally — they do not expand ${…}. Fill the variables in when you write the file (e.g. envsubst), or use the environment-variable form instead.";

export function renderPypi(input: SnippetInput): Snippet[] {
  const urls = instanceUrls(input.instanceUrl);
  const level = input.scope.kind;
  const user = showUsername(input.credential.username);
  const token = ref(input.credential.token);
  const path = `/api/v4/${scopePath(input.scope)}/packages/pypi`;
  const simple = `${urls.withCredentials(userinfo(user), token)}${path}/simple`;
  const name = input.packageName !== undefined ? show(input.packageName) : PYPI_DEFAULT_PACKAGE;
  const spec = input.version !== undefined ? `${name}==${show(input.version)}` : name;
  const out: Snippet[] = [
    {
      id: `pypi-pip-conf-${level}`,
      title: `pip.conf (${level} level)`,
      filename: "pip.conf",
      language: "ini",
      tool: "pip",
      purpose: "setup",
      content: `# ~/.pip/pip.conf (Linux/macOS) or %APPDATA%\\pip\\pip.ini (Windows)\n[global]\nindex-url = ${simple}`,
      note: FILE_NOTE,
    },
    {
      id: `pypi-pip-index-url-${level}`,
      title: "PIP_INDEX_URL",
      filename: "pip-env.sh",
      language: "shellscript",
      tool: "pip",
      purpose: "setup",
      content: `export PIP_INDEX_URL=${simple}`,
    },
  ];
  if (level === "project") {
    const repo = `${urls.base}${path}`;
    out.push(
      {
        id: "pypi-pypirc",
        title: ".pypirc",
        filename: ".pypirc",
        language: "ini",
        tool: "twine",
        purpose: "publish",
        content: [
          "# ~/.pypirc",
          "[distutils]",
          "index-servers =",
          "    gitlab",
          "",
          "[gitlab]",
          `repository = ${repo}`,
          `username = ${user}`,
          `password = ${token}`,
        ].join("\n"),
        note: FILE_NOTE,
      },
      {
        id: "pypi-twine-upload",
        title: "Upload with twine (.pypirc)",
        filename: "upload.sh",
        language: "shellscript",
        tool: "twine",
        purpose: "publish",
        content: "python3 -m twine upload --repository gitlab dist/*",
        note: "A second upload of the same file for a name and version is rejected with 400 Bad Request — delete the old one first, or better, publish a new version.",
      },
      {
        id: "pypi-twine-upload-env",
        title: "Upload with twine (environment)",
        filename: "upload-env.sh",
        language: "shellscript",
        tool: "twine",
        purpose: "publish",
        content: [
          `TWINE_USERNAME=${user} \\`,
          `TWINE_PASSWORD=${token} \\`,
          `python3 -m twine upload --repository-url ${repo} dist/*`,
        ].join("\n"),
      },
    );
  }
  out.push({
    id: `pypi-pip-install-${level}`,
    title: "Install",
    filename: "install.sh",
    language: "shellscript",
    tool: "pip",
    purpose: "install",
    content: `pip install --index-url ${simple} --no-deps ${spec}`,
  });
  if (level === "project") {
    out.push({
      id: "pypi-gitlab-ci",
      title: ".gitlab-ci.yml",
      filename: ".gitlab-ci.yml",
      language: "yaml",
      tool: "ci",
      purpose: "ci",
      content: [
        "publish:",
        "  image: python:3.14",
        "  script:",
        "    - pip install build twine",
        "    - python -m build",
        `    - TWINE_PASSWORD=${token} TWINE_USERNAME=${user} python -m twine upload --repository-url ${urls.base}/api/v4/projects/${ciProjectId(input.scope.id)}/packages/pypi dist/*`,
      ].join("\n"),
    });
  }
  return out;
}
