import type { WorkspaceSummary } from "@smo1/api-types";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetWorkspace, permissions, pickWorkspace, rememberWorkspace, rememberedWorkspace } from "./workspace";

const mine: WorkspaceSummary[] = [
  { slug: "ada-4szot7", name: "Ada's workspace", role: "owner" },
  { slug: "acme", name: "Acme", role: "viewer" },
];

describe("the workspace to open", () => {
  beforeEach(() => localStorage.clear());

  it("is the remembered one while the user is still in it, else the first", () => {
    expect(pickWorkspace(mine, "acme")).toBe("acme");
    expect(pickWorkspace(mine, "gone")).toBe("ada-4szot7");
    expect(pickWorkspace(mine, null)).toBe("ada-4szot7");
    expect(pickWorkspace([], "acme")).toBeUndefined();
  });

  it("is remembered across visits and forgotten once left", () => {
    rememberWorkspace("acme");
    expect(rememberedWorkspace()).toBe("acme");
    forgetWorkspace("other");
    expect(rememberedWorkspace()).toBe("acme");
    forgetWorkspace("acme");
    expect(rememberedWorkspace()).toBeNull();
  });
});

describe("what a role may do (the API's scopes by role)", () => {
  it("lets members write links, viewers only read, admins and owners administer", () => {
    expect(permissions("viewer")).toEqual({ pay: false, readLinks: true, writeLinks: false, admin: false, owner: false });
    expect(permissions("member")).toEqual({ pay: false, readLinks: true, writeLinks: true, admin: false, owner: false });
    expect(permissions("admin")).toEqual({ pay: true, readLinks: true, writeLinks: true, admin: true, owner: false });
    expect(permissions("owner")).toEqual({ pay: true, readLinks: true, writeLinks: true, admin: true, owner: true });
  });
  it("gives billing and unknown roles no link access; billing members pay", () => {
    expect(permissions("billing").readLinks).toBe(false);
    expect(permissions("billing").pay).toBe(true);
    expect(permissions(null).readLinks).toBe(false);
    expect(permissions(null).pay).toBe(false);
  });
});
