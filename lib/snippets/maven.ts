import { ref, show, showUsername, TOKEN_HEADERS, type Snippet, type SnippetInput } from "./model";
import { instanceUrls, scopePath } from "./urls";

// Maven: settings.xml (credential header, or username/password), pom.xml distributionManagement
// and repositories, the dependency, mvn deploy / install, .gitlab-ci.yml — the guide's "Maven
// Packages" section. Maven expands ${NAME} from the environment in settings.xml.

const REPO_ID = "gitlab-maven";

/** GitLab names a Maven package `com/example/my-package`: groupId path + artifactId. */
export function mavenCoordinates(name: string | undefined): {
  groupId: string;
  artifactId: string;
} {
  const parts = (name ?? "").split("/").filter(Boolean);
  if (parts.length < 2) return { groupId: "com.example", artifactId: parts[0] ?? "my-package" };
  return { groupId: parts.slice(0, -1).join("."), artifactId: parts[parts.length - 1] };
}

const indent = (lines: string[], n: number) => lines.map((l) => " ".repeat(n) + l);

function settings(serverBody: string[], comment: boolean): string {
  return [
    ...(comment ? ["<!-- ~/.m2/settings.xml -->"] : []),
    "<settings>",
    "  <servers>",
    "    <server>",
    `      <id>${REPO_ID}</id>`,
    ...indent(serverBody, 6),
    "    </server>",
    "  </servers>",
    "</settings>",
  ].join("\n");
}

const repoBlock = (tag: string, url: string) => [
  `<${tag}>`,
  `  <id>${REPO_ID}</id>`,
  `  <url>${url}</url>`,
  `</${tag}>`,
];

export function renderMaven(input: SnippetInput): Snippet[] {
  const urls = instanceUrls(input.instanceUrl);
  const level = input.scope.kind;
  const url = `${urls.api}/${scopePath(input.scope)}/packages/maven`;
  const cred = input.credential;
  const name = input.packageName !== undefined ? show(input.packageName) : undefined;
  const { groupId, artifactId } = mavenCoordinates(name);
  const version = input.version !== undefined ? show(input.version) : "1.0.0";
  const repositories = [
    "<repositories>",
    ...indent(repoBlock("repository", url), 2),
    "</repositories>",
  ];
  const out: Snippet[] = [
    {
      id: "maven-settings-xml-header",
      title: `settings.xml (${TOKEN_HEADERS[cred.kind].title} header)`,
      filename: "settings.xml",
      language: "xml",
      tool: "mvn",
      purpose: "setup",
      content: settings(
        [
          "<configuration>",
          "  <httpHeaders>",
          "    <property>",
          `      <name>${TOKEN_HEADERS[cred.kind].title}</name>`,
          `      <value>${ref(cred.token)}</value>`,
          "    </property>",
          "  </httpHeaders>",
          "</configuration>",
        ],
        true,
      ),
      note: "Maven fills ${…} from the environment when it reads settings.xml.",
    },
    {
      id: "maven-settings-xml-basic",
      title: "settings.xml (username and password)",
      filename: "settings.xml",
      language: "xml",
      tool: "mvn",
      purpose: "setup",
      content: settings(
        [
          `<username>${showUsername(cred.username)}</username>`,
          `<password>${ref(cred.token)}</password>`,
        ],
        false,
      ),
    },
  ];
  if (level === "project") {
    out.push(
      {
        id: "maven-pom-xml",
        title: "pom.xml distributionManagement and repositories",
        filename: "pom.xml",
        language: "xml",
        tool: "mvn",
        purpose: "publish",
        content: [
          "<project>",
          "  <!-- ... -->",
          "  <distributionManagement>",
          ...indent(repoBlock("repository", url), 4),
          ...indent(repoBlock("snapshotRepository", url), 4),
          "  </distributionManagement>",
          ...indent(repositories, 2),
          "</project>",
        ].join("\n"),
      },
      {
        id: "maven-deploy",
        title: "Deploy",
        filename: "deploy.sh",
        language: "shellscript",
        tool: "mvn",
        purpose: "publish",
        content: "mvn deploy -s settings.xml",
        note: "Don't redeploy a released version: when the group disallows duplicates GitLab answers 400, and overwriting breaks everyone who already pulled it.",
      },
    );
  } else {
    out.push({
      id: "maven-pom-repositories-group",
      title: "pom.xml repositories (group level)",
      filename: "pom.xml",
      language: "xml",
      tool: "mvn",
      purpose: "install",
      content: ["<project>", "  <!-- ... -->", ...indent(repositories, 2), "</project>"].join("\n"),
    });
  }
  out.push(
    {
      id: `maven-dependency-${level}`,
      title: "Dependency",
      filename: "pom.xml",
      language: "xml",
      tool: "mvn",
      purpose: "install",
      content: [
        "<dependencies>",
        "  <dependency>",
        `    <groupId>${groupId}</groupId>`,
        `    <artifactId>${artifactId}</artifactId>`,
        `    <version>${version}</version>`,
        "  </dependency>",
        "</dependencies>",
      ].join("\n"),
    },
    {
      id: `maven-install-${level}`,
      title: "Install",
      filename: "install.sh",
      language: "shellscript",
      tool: "mvn",
      purpose: "install",
      content: "mvn install",
    },
  );
  if (level === "project") {
    out.push({
      id: "maven-gitlab-ci",
      title: ".gitlab-ci.yml",
      filename: ".gitlab-ci.yml",
      language: "yaml",
      tool: "ci",
      purpose: "ci",
      content: [
        "deploy:",
        "  image: maven:3.8-openjdk-11",
        "  script:",
        "    - mvn deploy -s ci_settings.xml",
      ].join("\n"),
      note: "ci_settings.xml is the settings.xml above with the Job-Token header, committed to the repository (it holds only ${CI_JOB_TOKEN}, no secret).",
    });
  }
  return out;
}
