// mongo-init (deploy/compose.yaml) runs this with `mongosh --nodb` once the three nodes answer.
// It can run any number of times: the replica set is initiated only if it has no configuration
// yet, and the app's user is created or, if it exists, given the current password again (so
// changing secrets/mongo_app_password and re-running mongo-init rotates it).
const fs = require('node:fs');

const REPLICA_SET = 'rs0';
const MEMBERS = ['mongo1:27017', 'mongo2:27017', 'mongo3:27017'];
// The database named in MONGODB_URI (app.env.example); the user lives in admin (authSource=admin).
const APP_DATABASE = 'zoom_org_connect';
const APP_USER = 'zoom_org_connect';

const secret = (name) => fs.readFileSync(`/run/secrets/${name}`, 'utf8').trim();
const rootPassword = encodeURIComponent(secret('mongo_root_password'));

function waitFor(what, check) {
  for (let attempt = 1; attempt <= 60; attempt += 1) {
    try {
      if (check()) return;
    } catch (error) {
      if (attempt === 60) throw error;
    }
    sleep(2000);
  }
  throw new Error(`gave up waiting for ${what}`);
}

function isInitiated(admin) {
  try {
    admin.adminCommand({ replSetGetStatus: 1 });
    return true;
  } catch (error) {
    if (error.codeName === 'NotYetInitialized') return false;
    throw error;
  }
}

// Before the set exists only a direct connection works; the root user exists on mongo1 alone.
// Retried: mongo1's health check can pass while its entrypoint still runs the first-start setup
// on a loopback-only server, which refuses this connection.
let first;
waitFor('mongo1 to accept the root user', () => {
  first = connect(
    `mongodb://root:${rootPassword}@${MEMBERS[0]}/admin?directConnection=true&authSource=admin`,
  );
  return first.adminCommand({ ping: 1 }).ok === 1;
});
if (isInitiated(first)) {
  print(`replica set ${REPLICA_SET} already initiated`);
} else {
  // mongo1 is preferred as primary so the first election is predictable; any member may take over.
  first.adminCommand({
    replSetInitiate: {
      _id: REPLICA_SET,
      members: MEMBERS.map((host, index) => ({ _id: index, host, priority: index === 0 ? 2 : 1 })),
    },
  });
  print(`replica set ${REPLICA_SET} initiated with ${MEMBERS.join(', ')}`);
}

// Users are written on the primary, whichever member that is now.
let admin;
waitFor('a primary', () => {
  admin = connect(
    `mongodb://root:${rootPassword}@${MEMBERS.join(',')}/admin?replicaSet=${REPLICA_SET}&authSource=admin&serverSelectionTimeoutMS=5000`,
  );
  return admin.hello().isWritablePrimary === true;
});

// readWrite covers what the app does, index creation (TTL and unique indexes at start) included.
const roles = [{ role: 'readWrite', db: APP_DATABASE }];
const password = secret('mongo_app_password');
if (admin.getUser(APP_USER)) {
  admin.updateUser(APP_USER, { pwd: password, roles });
  print(`user ${APP_USER} updated`);
} else {
  admin.createUser({ user: APP_USER, pwd: password, roles });
  print(`user ${APP_USER} created`);
}
