import { test as setup } from "@playwright/test";
import { FIXTURE_USERS, signInThroughGitlab, storageStateFor } from "./fixtures";

// Signs in once per fixture role through the real OAuth flow and stores the session.
for (const user of FIXTURE_USERS) {
  setup(`sign in as ${user}`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughGitlab(page, user);
    await context.storageState({ path: storageStateFor(user) });
    await context.close();
  });
}
