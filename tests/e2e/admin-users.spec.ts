import { expect, test, login, navLabels, signIn } from "./fixtures";

test("admin creates a biller, who signs in, must change the password, then works; deactivation ends their session", async ({ browser }) => {
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await login(admin, "admin");
  await admin.getByRole("link", { name: "Admin" }).click();
  await expect(admin).toHaveURL(/\/admin\/users$/);

  const email = `new.biller.${Date.now()}@lakeside.example`;
  await admin.getByRole("button", { name: "Add user" }).click();
  const dialog = admin.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Full name").fill("Nova Biller");
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("Enter a valid email address.")).toBeVisible();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("biller");
  await dialog.getByRole("button", { name: "Create user" }).click();

  const secret = admin.getByTestId("temporary-password");
  await expect(secret).toBeVisible();
  const temporaryPassword = (await secret.innerText()).trim();
  expect(temporaryPassword).toMatch(/^\w{4}(-\w{4}){3}$/);
  await admin.getByRole("button", { name: "Done" }).click();
  const row = admin.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("Temporary password");

  // A role change asks first: cancelling leaves the role as it was.
  const roleSelect = row.getByLabel("Role of Nova Biller");
  await roleSelect.selectOption("admin");
  const confirm = admin.getByRole("alertdialog", { name: "Make Nova Biller Administrator?" });
  await expect(confirm).toContainText("changes from Biller to Administrator");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(roleSelect).toHaveValue("biller");

  // The new biller, in their own browser.
  const billerCtx = await browser.newContext();
  const biller = await billerCtx.newPage();
  await signIn(biller, email, temporaryPassword);
  await expect(biller).toHaveURL(/\/change-password$/);
  await biller.goto("/claims");
  await expect(biller).toHaveURL(/\/change-password$/); // nothing else until the password is changed
  await biller.getByLabel("Temporary password").fill(temporaryPassword);
  await biller.getByLabel("New password", { exact: true }).fill("short");
  await biller.getByLabel("Repeat new password").fill("short");
  await biller.getByRole("button", { name: "Change password" }).click();
  await expect(biller.getByText("Use at least 12 characters.").first()).toBeVisible();
  await biller.getByLabel("New password", { exact: true }).fill("Infusion-Chair-Seven-42");
  await biller.getByLabel("Repeat new password").fill("Infusion-Chair-Seven-42");
  await biller.getByRole("button", { name: "Change password" }).click();
  await expect(biller).toHaveURL(/\/dashboard$/);
  expect(await navLabels(biller)).toEqual(["Dashboard", "Patients", "Orders", "Worklists", "Prior auth", "Claims", "Remittances", "Denials"]);

  // The admin deactivates the biller: the biller's open session stops working at once.
  await admin.reload();
  await admin.getByTestId(`user-row-${email}`).getByRole("button", { name: "Deactivate" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByTestId(`user-row-${email}`)).toContainText("Deactivated");
  await biller.goto("/patients");
  await expect(biller).toHaveURL(/\/sign-in\?next=%2Fpatients$/);
  await signIn(biller, email, "Infusion-Chair-Seven-42");
  await expect(biller.getByTestId("sign-in-error")).toHaveText("Email or password is not correct.");

  // The audit log shows who did it.
  await admin.goto("/audit");
  await expect(admin.getByRole("cell", { name: "User deactivated" }).first()).toBeVisible();
  await adminCtx.close();
  await billerCtx.close();
});
