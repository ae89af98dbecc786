// A small GraphQL document parser: one operation (query or mutation) with fields, arguments,
// variables and nested selections — what GitLab's package-settings calls use. Fragments,
// directives and aliases are not modelled; they fail with a GraphQL parse error.

export type Value =
  | { kind: "var"; name: string }
  | { kind: "lit"; value: unknown }
  | { kind: "obj"; fields: Record<string, Value> }
  | { kind: "list"; items: Value[] };

export interface Field {
  name: string;
  args: Record<string, Value>;
  selections: Field[];
  line: number;
  column: number;
}

export interface Operation {
  type: "query" | "mutation";
  selections: Field[];
}

export class GraphqlSyntaxError extends Error {}

const TOKEN =
  /\s*(?:#[^\n]*\s*)*(\.\.\.|[{}():$!=,[\]]|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*)/y;

interface Tok {
  text: string;
  at: number;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const start = TOKEN.lastIndex;
    if (/^[\s,]*$/.test(src.slice(start))) return out;
    const m = TOKEN.exec(src);
    if (!m) throw new GraphqlSyntaxError(`Unexpected character at ${start}`);
    if (m[1] !== ",") out.push({ text: m[1], at: TOKEN.lastIndex - m[1].length });
  }
}

export function parseOperation(src: string): Operation {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i]?.text;
  const next = () => {
    const t = toks[i++];
    if (!t) throw new GraphqlSyntaxError("Unexpected end of document");
    return t;
  };
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text) throw new GraphqlSyntaxError(`Expected ${text}, actual: "${t.text}"`);
  };
  const where = (at: number) => {
    const before = src.slice(0, at).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };

  const value = (): Value => {
    const t = next();
    if (t.text === "$") return { kind: "var", name: next().text };
    if (t.text === "{") {
      const fields: Record<string, Value> = {};
      while (peek() !== "}") {
        const key = next().text;
        expect(":");
        fields[key] = value();
      }
      next();
      return { kind: "obj", fields };
    }
    if (t.text === "[") {
      const items: Value[] = [];
      while (peek() !== "]") items.push(value());
      next();
      return { kind: "list", items };
    }
    if (t.text.startsWith('"')) return { kind: "lit", value: JSON.parse(t.text) };
    if (t.text === "true" || t.text === "false") return { kind: "lit", value: t.text === "true" };
    if (t.text === "null") return { kind: "lit", value: null };
    if (/^-?\d/.test(t.text)) return { kind: "lit", value: Number(t.text) };
    return { kind: "lit", value: t.text }; // enum value
  };

  const selectionSet = (): Field[] => {
    expect("{");
    const fields: Field[] = [];
    while (peek() !== "}") {
      const t = next();
      if (!/^[A-Za-z_]/.test(t.text)) throw new GraphqlSyntaxError(`Unexpected "${t.text}"`);
      const field: Field = { name: t.text, args: {}, selections: [], ...where(t.at) };
      if (peek() === ":") throw new GraphqlSyntaxError("Aliases are not supported here");
      if (peek() === "(") {
        next();
        while (peek() !== ")") {
          const key = next().text;
          expect(":");
          field.args[key] = value();
        }
        next();
      }
      if (peek() === "{") field.selections = selectionSet();
      fields.push(field);
    }
    next();
    return fields;
  };

  let type: Operation["type"] = "query";
  if (peek() === "query" || peek() === "mutation") {
    type = next().text as Operation["type"];
    if (peek() !== "{" && peek() !== "(") next(); // operation name
    if (peek() === "(") {
      // variable definitions: only their names matter here
      while (next().text !== ")");
    }
  }
  const selections = selectionSet();
  if (i !== toks.length) throw new GraphqlSyntaxError("Only one operation per request");
  return { type, selections };
}

/** A value with its variables filled in. */
export function resolveValue(v: Value, vars: Record<string, unknown>): unknown {
  if (v.kind === "var") return vars[v.name];
  if (v.kind === "lit") return v.value;
  if (v.kind === "list") return v.items.map((x) => resolveValue(x, vars));
  return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, resolveValue(x, vars)]));
}
