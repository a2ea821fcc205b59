import { describe, expect, it } from "vitest";
import { ApiRequestError, isUnauthenticated, toFormErrors, unwrap } from "./errors";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("unwrap", () => {
  it("gives the data of a success", async () => {
    await expect(unwrap(Promise.resolve({ data: { a: 1 }, response: json(200, { a: 1 }) }))).resolves.toEqual({ a: 1 });
  });

  it("throws the API's error body with its status", async () => {
    const body = { code: "invalid_target", message: "target scheme 'javascript' is not allowed", field: "target" };
    const error = await unwrap(Promise.resolve({ error: body, response: json(422, body) })).catch((e: ApiRequestError) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 422, code: "invalid_target", field: "target", message: body.message });
  });

  it("makes a readable error of an answer that is not the API's body", async () => {
    const error = await unwrap(Promise.resolve({ error: "<html>Bad gateway</html>", response: new Response("x", { status: 502 }) })).catch((e: ApiRequestError) => e);
    expect(error).toMatchObject({ status: 502, code: "unavailable", field: null });
    expect((error as ApiRequestError).message).toContain("502");
  });

  it("makes a network failure an error of status 0", async () => {
    const error = await unwrap(Promise.reject(new TypeError("Failed to fetch"))).catch((e: ApiRequestError) => e);
    expect(error).toMatchObject({ status: 0, code: "network" });
  });
});

describe("toFormErrors", () => {
  const fields = ["target", "alias", "title"];

  it("puts a message on the field the API names", () => {
    const error = new ApiRequestError(409, { code: "alias_taken", message: "alias 'docs' is taken", field: "alias" });
    expect(toFormErrors(error, fields)).toEqual({ fields: { alias: "alias 'docs' is taken" } });
  });

  it("follows an alias from the API's field name to the form's", () => {
    const error = new ApiRequestError(422, { code: "weak_password", message: "too common", field: "password" });
    expect(toFormErrors(error, ["currentPassword", "newPassword"], { password: "newPassword" })).toEqual({
      fields: { newPassword: "too common" },
    });
  });

  it("makes an error without a field, or with one the form lacks, a form message", () => {
    const none = new ApiRequestError(429, { code: "rate_limited", message: "slow down", field: null });
    const other = new ApiRequestError(400, { code: "invalid_parameter", message: "bad workspace", field: "workspace" });
    expect(toFormErrors(none, fields)).toEqual({ fields: {}, form: "slow down" });
    expect(toFormErrors(other, fields)).toEqual({ fields: {}, form: "bad workspace" });
  });

  it("is empty without an error", () => {
    expect(toFormErrors(null, fields)).toEqual({ fields: {} });
  });
});

describe("isUnauthenticated", () => {
  it("is true only for 401 unauthorized (a wrong password is invalid_credentials)", () => {
    expect(isUnauthenticated(new ApiRequestError(401, { code: "unauthorized", message: "", field: null }))).toBe(true);
    expect(isUnauthenticated(new ApiRequestError(401, { code: "invalid_credentials", message: "", field: null }))).toBe(false);
  });
});
