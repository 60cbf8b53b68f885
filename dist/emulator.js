#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/emulator/scenarios/late-task.json
const late_task_namespaceObject = /*#__PURE__*/JSON.parse('{"description":"A task created as the wait starts: RetCode 230 (Params [TaskId] not available) for the first 6 s, then Created and a MySQL full load to Done at 19 s; wait for it with appear-timeout","tasks":{"udts-demo-late":{"advance":"time","steps":[{"at":0,"fault":{"kind":"retcode","retCode":230,"message":"Params [TaskId] not available"}},{"at":6,"data":{"Status":"Created","CurRetryCount":0,"MaxRetryCount":3}},{"at":7,"data":{"Status":"Checking","CurRetryCount":0,"MaxRetryCount":3}},{"at":9,"data":{"Status":"Dumping","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":900000,"CurCount":0,"Percentage":0,"TotalDuration":10,"CurDuration":0}}},{"at":11,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":900000,"CurCount":225000,"Percentage":25,"TotalDuration":10,"CurDuration":2}}},{"at":13,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":900000,"CurCount":405000,"Percentage":45,"TotalDuration":10,"CurDuration":4}}},{"at":15,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":900000,"CurCount":585000,"Percentage":65,"TotalDuration":10,"CurDuration":6}}},{"at":17,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":900000,"CurCount":765000,"Percentage":85,"TotalDuration":10,"CurDuration":8}}},{"at":19,"data":{"Status":"Done","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":900000,"CurCount":900000,"Percentage":100,"TotalDuration":10,"CurDuration":10}}}],"history":[{"state":"Created","at":5}]}}}');
;// CONCATENATED MODULE: ./src/emulator/scenarios/live-sync.json
const live_sync_namespaceObject = /*#__PURE__*/JSON.parse('{"description":"A Redis full+incremental sync: loads 3.8 M keys, then Syncing with RedisDelayTime falling from 48 s, Synced from 20 s, lag 0 at 24 s; it never reaches Done (gate with success-states: Synced and max-lag)","tasks":{"udts-demo-redis":{"advance":"time","history":[{"state":"Created","at":-90},{"state":"Checking","at":-80},{"state":"Starting","at":-65}],"steps":[{"at":0,"data":{"Status":"Dumping","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":0,"Percentage":0}}},{"at":2,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":760000,"Percentage":20,"TotalDuration":10,"CurDuration":2}}},{"at":4,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":1520000,"Percentage":40,"TotalDuration":10,"CurDuration":4}}},{"at":6,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":2280000,"Percentage":60,"TotalDuration":10,"CurDuration":6}}},{"at":8,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3040000,"Percentage":80,"TotalDuration":10,"CurDuration":8}}},{"at":10,"data":{"Status":"Syncing","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":25165824,"RedisDelayTime":48}}},{"at":12,"data":{"Status":"Syncing","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":16252928,"RedisDelayTime":31}}},{"at":14,"data":{"Status":"Syncing","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":9961472,"RedisDelayTime":19}}},{"at":16,"data":{"Status":"Syncing","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":5767168,"RedisDelayTime":11}}},{"at":18,"data":{"Status":"Syncing","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":3145728,"RedisDelayTime":6}}},{"at":20,"data":{"Status":"Synced","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":1048576,"RedisDelayTime":2}}},{"at":22,"data":{"Status":"Synced","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":524288,"RedisDelayTime":1}}},{"at":24,"data":{"Status":"Synced","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":3800000,"CurCount":3800000,"Percentage":100,"RedisOffsetSize":0,"RedisDelayTime":0}}}]}}}');
;// CONCATENATED MODULE: ./src/emulator/scenarios/mysql-migration.json
const mysql_migration_namespaceObject = /*#__PURE__*/JSON.parse('{"description":"A MySQL full migration: Created, Checking, Dumping, Loading, Done over about 15 s","keys":[{"publicKey":"demo-public-key","privateKey":"demo-private-key"}],"tasks":{"udts-demo-mysql":{"advance":"time","history":[{"state":"Created","at":-40}],"steps":[{"at":0,"data":{"Status":"Created","CurRetryCount":0,"MaxRetryCount":3}},{"at":1,"data":{"Status":"Checking","CurRetryCount":0,"MaxRetryCount":3}},{"at":3,"data":{"Status":"Dumping","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":0,"TotalDuration":12,"CurDuration":0,"Percentage":0},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4000000,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1200"}}},{"at":4,"data":{"Status":"Dumping","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":103750,"TotalDuration":12,"CurDuration":1,"Percentage":8.3},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4001537,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1207"}}},{"at":5,"data":{"Status":"Dumping","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":208750,"TotalDuration":12,"CurDuration":2,"Percentage":16.7},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4003074,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1214"}}},{"at":6,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":312500,"TotalDuration":12,"CurDuration":3,"Percentage":25},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4004611,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1221"}}},{"at":7,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":416250,"TotalDuration":12,"CurDuration":4,"Percentage":33.3},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4006148,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1228"}}},{"at":8,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":521250,"TotalDuration":12,"CurDuration":5,"Percentage":41.7},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4007685,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1235"}}},{"at":9,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":625000,"TotalDuration":12,"CurDuration":6,"Percentage":50},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4009222,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1242"}}},{"at":10,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":728750,"TotalDuration":12,"CurDuration":7,"Percentage":58.3},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4010759,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1249"}}},{"at":11,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":833750,"TotalDuration":12,"CurDuration":8,"Percentage":66.7},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4012296,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1256"}}},{"at":12,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":937500,"TotalDuration":12,"CurDuration":9,"Percentage":75},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4013833,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1263"}}},{"at":13,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":1041250,"TotalDuration":12,"CurDuration":10,"Percentage":83.3},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4015370,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1270"}}},{"at":14,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":1146250,"TotalDuration":12,"CurDuration":11,"Percentage":91.7},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4016907,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1277"}}},{"at":15,"data":{"Status":"Done","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1250000,"CurCount":1250000,"TotalDuration":12,"CurDuration":12,"Percentage":100},"Sync":{"BinlogName":"mysql-bin.000042","BinlogPos":4018444,"BinlogGTID":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-1284"}}}]}}}');
;// CONCATENATED MODULE: ./src/emulator/scenarios/service-retry.json
const service_retry_namespaceObject = /*#__PURE__*/JSON.parse('{"description":"A MySQL full load that fails at 8 s (lost connection, retry 0 of 3), goes RetryPending, restarts and reaches Done at 23 s; wait through it with tolerate-retries: true","tasks":{"udts-demo-retry":{"advance":"time","steps":[{"at":0,"data":{"Status":"Dumping","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":0,"Percentage":0,"TotalDuration":20,"CurDuration":0}}},{"at":2,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":312000,"Percentage":12,"TotalDuration":20,"CurDuration":2}}},{"at":4,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":624000,"Percentage":24,"TotalDuration":20,"CurDuration":4}}},{"at":6,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":858000,"Percentage":33,"TotalDuration":20,"CurDuration":6}}},{"at":8,"data":{"Status":"Failed","CurRetryCount":0,"MaxRetryCount":3,"FailedMessage":"dump table `shop`.`orders`: Error 2013 (HY000): Lost connection to MySQL server during query","Progress":{"TotalCount":2600000,"CurCount":858000,"Percentage":33,"TotalDuration":20,"CurDuration":6}}},{"at":10,"data":{"Status":"RetryPending","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":858000,"Percentage":33,"TotalDuration":20,"CurDuration":6}}},{"at":12,"data":{"Status":"Starting","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":858000,"Percentage":33,"TotalDuration":20,"CurDuration":6}}},{"at":13,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":910000,"Percentage":35,"TotalDuration":17,"CurDuration":7}}},{"at":15,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":1300000,"Percentage":50,"TotalDuration":17,"CurDuration":9}}},{"at":17,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":1690000,"Percentage":65,"TotalDuration":17,"CurDuration":11}}},{"at":19,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":2080000,"Percentage":80,"TotalDuration":17,"CurDuration":13}}},{"at":21,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":2392000,"Percentage":92,"TotalDuration":17,"CurDuration":15}}},{"at":23,"data":{"Status":"Done","CurRetryCount":1,"MaxRetryCount":3,"Progress":{"TotalCount":2600000,"CurCount":2600000,"Percentage":100,"TotalDuration":17,"CurDuration":17}}}],"history":[{"state":"Created","at":-30},{"state":"Checking","at":-20}]}}}');
;// CONCATENATED MODULE: ./src/emulator/scenarios/several-tasks.json
const several_tasks_namespaceObject = /*#__PURE__*/JSON.parse('{"description":"Three MySQL full loads at once: udts-demo-users Done at 12 s, udts-demo-events Failed at 16 s (table full, its one retry already spent), udts-demo-orders Done at 24 s","tasks":{"udts-demo-orders":{"advance":"time","steps":[{"at":0,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":8400000,"CurCount":2948400,"Percentage":35.1,"TotalDuration":37,"CurDuration":13}}},{"at":4,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":8400000,"CurCount":3855600,"Percentage":45.9,"TotalDuration":37,"CurDuration":17}}},{"at":8,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":8400000,"CurCount":4771200,"Percentage":56.8,"TotalDuration":37,"CurDuration":21}}},{"at":12,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":8400000,"CurCount":5678400,"Percentage":67.6,"TotalDuration":37,"CurDuration":25}}},{"at":16,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":8400000,"CurCount":6585600,"Percentage":78.4,"TotalDuration":37,"CurDuration":29}}},{"at":20,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":8400000,"CurCount":7492800,"Percentage":89.2,"TotalDuration":37,"CurDuration":33}}},{"at":24,"data":{"Status":"Done","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":8400000,"CurCount":8400000,"Percentage":100,"TotalDuration":37,"CurDuration":37}}}],"history":[{"state":"Created","at":-120},{"state":"Checking","at":-110},{"state":"Dumping","at":-95},{"state":"Loading","at":-60}]},"udts-demo-users":{"advance":"time","steps":[{"at":0,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1200000,"CurCount":840000,"Percentage":70,"TotalDuration":40,"CurDuration":28}}},{"at":3,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1200000,"CurCount":930000,"Percentage":77.5,"TotalDuration":40,"CurDuration":31}}},{"at":6,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1200000,"CurCount":1020000,"Percentage":85,"TotalDuration":40,"CurDuration":34}}},{"at":9,"data":{"Status":"Loading","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1200000,"CurCount":1110000,"Percentage":92.5,"TotalDuration":40,"CurDuration":37}}},{"at":12,"data":{"Status":"Done","CurRetryCount":0,"MaxRetryCount":3,"Progress":{"TotalCount":1200000,"CurCount":1200000,"Percentage":100,"TotalDuration":40,"CurDuration":40}}}],"history":[{"state":"Created","at":-100},{"state":"Checking","at":-90},{"state":"Loading","at":-50}]},"udts-demo-events":{"advance":"time","steps":[{"at":0,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":1,"Progress":{"TotalCount":52000000,"CurCount":25064000,"Percentage":48.2,"TotalDuration":300,"CurDuration":55}}},{"at":4,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":1,"Progress":{"TotalCount":52000000,"CurCount":26676000,"Percentage":51.3,"TotalDuration":300,"CurDuration":59}}},{"at":8,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":1,"Progress":{"TotalCount":52000000,"CurCount":28288000,"Percentage":54.4,"TotalDuration":300,"CurDuration":63}}},{"at":12,"data":{"Status":"Loading","CurRetryCount":1,"MaxRetryCount":1,"Progress":{"TotalCount":52000000,"CurCount":29692000,"Percentage":57.1,"TotalDuration":300,"CurDuration":67}}},{"at":16,"data":{"Status":"Failed","CurRetryCount":1,"MaxRetryCount":1,"FailedMessage":"load table `analytics`.`events_2025`: Error 1114 (HY000): The table \'events_2025\' is full","Progress":{"TotalCount":52000000,"CurCount":30108000,"Percentage":57.9,"TotalDuration":300,"CurDuration":71}}}],"history":[{"state":"Created","at":-150},{"state":"Checking","at":-140},{"state":"Loading","at":-130},{"state":"Failed","at":-70},{"state":"RetryPending","at":-65},{"state":"Starting","at":-60},{"state":"Loading","at":-55}]}}}');
;// CONCATENATED MODULE: ./src/emulator/scenario-check.ts
const FAULT_KINDS = new Set(['http', 'reset', 'hang', 'truncated', 'html', 'retcode']);
/** The faults that make sense for GitHub's REST API (no UDTS RetCode, no half a UDTS answer). */
const GITHUB_FAULT_KINDS = new Set(['http', 'reset', 'hang', 'html', 'endless', 'late']);
const GITHUB_REFUSALS = new Set([401, 403, 404]);
const shown = (value) => JSON.stringify(value) ?? String(value);
/** Checks one task's script: its steps, its history and its history fault. */
function checkTask(script, where) {
    if (!Array.isArray(script?.steps) || script.steps.length === 0)
        throw new Error(`${where} needs a non-empty "steps" list`);
    if (script.advance !== undefined && script.advance !== 'request' && script.advance !== 'time') {
        throw new Error(`${where}: "advance" is "request" or "time", not ${shown(script.advance)}`);
    }
    script.steps.forEach((step, index) => {
        const timed = script.advance === 'time';
        checkStep(step, timed, `${where}, step ${index + 1}`);
        // currentStep takes the last step whose time has come, so steps out of order would never answer.
        if (timed && index > 0 && step.at < script.steps[index - 1]?.at) {
            throw new Error(`${where}, step ${index + 1}: "at" ${step.at} comes before the step above it (${script.steps[index - 1]?.at}); keep time steps in order`);
        }
    });
    if (script.history !== undefined)
        checkHistory(script.history, `${where}, history`);
    if (script.historyFault !== undefined)
        checkFault(script.historyFault, FAULT_KINDS, `${where}, historyFault`);
}
function checkStep(step, timed, where) {
    if (typeof step !== 'object' || step === null)
        throw new Error(`${where}: a step is an object, not ${shown(step)}`);
    if ((step.data === undefined) === (step.fault === undefined))
        throw new Error(`${where}: give either "data" or "fault"`);
    if (step.data !== undefined && (typeof step.data !== 'object' || step.data === null || Array.isArray(step.data))) {
        throw new Error(`${where}: "data" is an object (the API's StatusData), not ${shown(step.data)}`);
    }
    if (step.fault !== undefined)
        checkFault(step.fault, FAULT_KINDS, where);
    if (timed && !Number.isFinite(step.at))
        throw new Error(`${where}: time steps need "at" (seconds)`);
    if (step.repeat !== undefined && !(Number.isInteger(step.repeat) && step.repeat >= 1)) {
        throw new Error(`${where}: "repeat" is a whole number of requests (1 or more), not ${shown(step.repeat)}`);
    }
}
function checkFault(fault, kinds, where) {
    if (!kinds.has(fault?.kind)) {
        throw new Error(`${where}: unknown fault kind ${shown(fault?.kind)} (known: ${[...kinds].join(', ')})`);
    }
    if (fault.kind === 'http' && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
        throw new Error(`${where}: an http fault needs "status" (an HTTP status code)`);
    }
    if (fault.kind === 'retcode' && fault.retCode === undefined)
        throw new Error(`${where}: a retcode fault needs "retCode"`);
    const ms = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
    if (fault.kind === 'late' && !(ms(fault.storeMs) && (fault.answerMs === undefined || ms(fault.answerMs)))) {
        throw new Error(`${where}: a late fault needs "storeMs" and may have "answerMs", each milliseconds (0 or more), got ${shown(fault)}`);
    }
}
function checkHistory(history, where) {
    if (!Array.isArray(history))
        throw new Error(`${where}: a list of { "state": "Created", "at": -300 }, not ${shown(history)}`);
    history.forEach((entry, index) => {
        if (typeof entry?.state !== 'string' || entry.state === '' || !Number.isFinite(entry.at)) {
            throw new Error(`${where} ${index + 1}: needs "state" (a state name) and "at" (seconds, negative for before the first request), got ${shown(entry)}`);
        }
    });
}
/** Checks the accepted key pairs; an error names the bad pair, never a key. */
function checkKeys(keys, where) {
    if (!Array.isArray(keys) || keys.length === 0)
        throw new Error(`${where}: a non-empty list of { "publicKey": "...", "privateKey": "..." }`);
    const good = (text) => typeof text === 'string' && text !== '';
    keys.forEach((pair, index) => {
        if (!good(pair?.publicKey) || !good(pair?.privateKey)) {
            throw new Error(`${where} ${index + 1}: needs "publicKey" and "privateKey", each a non-empty string (keys are not shown)`);
        }
    });
}
/** Checks the `github` section: the token, a forced refusal and the faults on chosen requests. */
function checkGithub(github, where) {
    if (typeof github !== 'object' || github === null)
        throw new Error(`${where}: an object, not ${shown(github)}`);
    if (github.token !== undefined && (typeof github.token !== 'string' || github.token === '')) {
        throw new Error(`${where}: "token" is the token to accept, a non-empty string (tokens are not shown)`);
    }
    if (github.refuse !== undefined && !GITHUB_REFUSALS.has(github.refuse)) {
        throw new Error(`${where}: "refuse" is 401, 403 or 404, not ${shown(github.refuse)}`);
    }
    if (github.headers !== undefined && !(typeof github.headers === 'object' && github.headers !== null && Object.values(github.headers).every((v) => typeof v === 'string'))) {
        throw new Error(`${where}: "headers" is an object of header names and string values, not ${shown(github.headers)}`);
    }
    if (github.slowListMs !== undefined && !(Number.isFinite(github.slowListMs) && github.slowListMs >= 0)) {
        throw new Error(`${where}: "slowListMs" is a number of milliseconds (0 or more), not ${shown(github.slowListMs)}`);
    }
    if (github.faults !== undefined && !Array.isArray(github.faults))
        throw new Error(`${where}: "faults" is a list of { "request": 2, "fault": {...} }`);
    if (github.rateLimits !== undefined && !Array.isArray(github.rateLimits)) {
        throw new Error(`${where}: "rateLimits" is a list of { "request": 2, "limit": "primary" or "secondary", "seconds": 60 }`);
    }
    const requestOf = (request, at) => {
        if (!(Number.isInteger(request) && request >= 1))
            throw new Error(`${at}: "request" is which GitHub request (1 for the first), not ${shown(request)}`);
    };
    github.faults?.forEach((entry, index) => {
        requestOf(entry?.request, `${where}, fault ${index + 1}`);
        checkFault(entry.fault, GITHUB_FAULT_KINDS, `${where}, fault ${index + 1}`);
    });
    github.rateLimits?.forEach((entry, index) => {
        const at = `${where}, rate limit ${index + 1}`;
        requestOf(entry?.request, at);
        if (entry.limit !== 'primary' && entry.limit !== 'secondary')
            throw new Error(`${at}: "limit" is "primary" or "secondary", not ${shown(entry.limit)}`);
        if (entry.seconds !== undefined && !(Number.isInteger(entry.seconds) && entry.seconds >= 0)) {
            throw new Error(`${at}: "seconds" is a whole number of seconds (0 or more), not ${shown(entry.seconds)}`);
        }
    });
}

;// CONCATENATED MODULE: ./src/emulator/scenario.ts
/**
 * The scenario format: which keys the emulator accepts and, per task, the readings (or faults) it
 * answers with, advanced per request or by seconds since the task's first request; the service's
 * history before the wait; and how the fake GitHub API behaves. `--help` explains it to users.
 */


/** The key pair the demo, the tests and users' dry runs use; never a real credential. */
const DEMO_KEYS = { publicKey: 'demo-public-key', privateKey: 'demo-private-key' };
/** The token the fake GitHub API accepts when a scenario names none; never a real credential. */
const DEMO_GITHUB_TOKEN = 'demo-github-token';
/** Reads and checks a scenario file; errors name the file and the offending task or step. */
function loadScenario(path) {
    let parsed;
    try {
        parsed = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        // A JSON error may quote the text around it, a key perhaps: only where it is is told.
        const why = error instanceof SyntaxError
            ? `not valid JSON${/ at position \d+.*$/.exec(error.message)?.[0] ?? ''}`
            : error instanceof Error ? error.message : String(error);
        throw new Error(`Cannot read scenario '${path}': ${why}`, { cause: error });
    }
    return checkScenario(parsed, path);
}
/** Checks a scenario object (from a file, built in, or built by a test); `origin` starts every error. */
function checkScenario(value, origin = 'scenario') {
    const scenario = value;
    if (typeof scenario !== 'object' || scenario === null || typeof scenario.tasks !== 'object' || scenario.tasks === null) {
        throw new Error(`${origin}: expected an object with "tasks": { "<task id>": { "steps": [...] } }`);
    }
    if (scenario.latencyMs !== undefined && !(Number.isFinite(scenario.latencyMs) && scenario.latencyMs >= 0)) {
        throw new Error(`${origin}: "latencyMs" is a number of milliseconds (0 or more), not ${JSON.stringify(scenario.latencyMs)}`);
    }
    if (scenario.historyAction !== undefined && typeof scenario.historyAction !== 'boolean') {
        throw new Error(`${origin}: "historyAction" is true or false, not ${JSON.stringify(scenario.historyAction)}`);
    }
    if (scenario.keys !== undefined)
        checkKeys(scenario.keys, `${origin}: keys`);
    for (const [taskId, script] of Object.entries(scenario.tasks))
        checkTask(script, `${origin}: task ${taskId}`);
    if (scenario.github !== undefined)
        checkGithub(scenario.github, `${origin}: github`);
    return scenario;
}
/** The step that answers a task's request number `requestIndex` (0-based), `elapsedMs` after its first. */
function currentStep(script, requestIndex, elapsedMs) {
    const steps = script.steps;
    if (script.advance === 'time') {
        let current = steps[0];
        for (const step of steps)
            if ((step.at ?? 0) * 1_000 <= elapsedMs)
                current = step;
        return current;
    }
    let remaining = requestIndex;
    for (const step of steps) {
        remaining -= step.repeat ?? 1;
        if (remaining < 0)
            return step;
    }
    return steps[steps.length - 1];
}

;// CONCATENATED MODULE: ./src/emulator/builtin.ts
/**
 * The scenarios built into the bundle, so `--scenario live-sync` works from dist/ or an installed
 * package without the repository; each is also a JSON file in src/emulator/scenarios/ to copy.
 */







/** The built-in scenarios by name, with one line for `--help`. */
const BUILTIN_SCENARIOS = {
    'mysql-migration': { summary: 'a MySQL full load: Checking, Dumping, Loading, Done at 15 s', scenario: mysql_migration_namespaceObject },
    'live-sync': { summary: 'a Redis full+incremental sync: lag falling, Synced from 20 s, never Done', scenario: live_sync_namespaceObject },
    'several-tasks': { summary: 'three MySQL loads: Done at 12 s and 24 s, one Failed at 16 s', scenario: several_tasks_namespaceObject },
    'service-retry': { summary: 'Failed at 8 s with retries left, RetryPending, then Done at 23 s', scenario: service_retry_namespaceObject },
    'late-task': { summary: 'RetCode 230 (not there yet) for 6 s, then a full load to Done at 19 s', scenario: late_task_namespaceObject },
};
/**
 * The scenario `nameOrPath` names: a built-in name, else a JSON file (`./live-sync` for a file that
 * has a built-in's name). Errors name the file, or list the built-in names for a mistyped one.
 */
function resolveScenario(nameOrPath) {
    const builtin = Object.hasOwn(BUILTIN_SCENARIOS, nameOrPath) ? BUILTIN_SCENARIOS[nameOrPath] : undefined;
    if (builtin)
        return checkScenario(builtin.scenario, `built-in scenario ${nameOrPath}`);
    if (!/[./\\]/.test(nameOrPath) && !(0,external_node_fs_namespaceObject.existsSync)(nameOrPath)) {
        throw new Error(`No built-in scenario '${nameOrPath}' and no such file (built-in: ${Object.keys(BUILTIN_SCENARIOS).join(', ')})`);
    }
    return loadScenario(nameOrPath);
}

;// CONCATENATED MODULE: ./src/emulator/help.ts
/**
 * `node dist/emulator.js --help`: how to start it, the built-in scenarios, the scenario format with
 * an example, and the fake GitHub endpoints; enough to write a scenario without the README.
 */


/** The one usage line, naming the command the user started; also shown with a usage error. */
function usage(command) {
    return `usage: ${command} --scenario NAME|FILE [--port N]`;
}
const EXAMPLE = `  {
    "description": "Loading, a rate limit, then Done",
    "latencyMs": 50,
    "tasks": {
      "udts-abc123": {
        "advance": "time",
        "history": [{ "state": "Created", "at": -300 }, { "state": "Checking", "at": -240 }],
        "steps": [
          { "at": 0, "data": { "Status": "Loading", "Progress": { "Percentage": 40, "CurDuration": 8 } } },
          { "at": 6, "fault": { "kind": "retcode", "retCode": 153, "message": "Request too frequently" } },
          { "at": 8, "data": { "Status": "Done", "Progress": { "Percentage": 100 } } }
        ]
      }
    },
    "github": { "faults": [{ "request": 2, "fault": { "kind": "http", "status": 502 } }] }
  }`;
const FORMAT = `  tasks          task id -> its script; a task not listed (or asked for with another ProjectId than its
                 "projectId") gets RetCode 230
  steps          in order; each { "data": StatusData } (the API's Data: Status, FailedMessage, CurRetryCount,
                 MaxRetryCount, Progress, Sync) or { "fault": FAULT }
  advance        "request" (default): each step answers "repeat" requests (default 1), the last one all later
                 ones; "time": each step answers from "at" seconds after the task's first request
  FAULT          {"kind":"retcode","retCode":153,"message":"..."} an API error (retCode may be a string);
                 {"kind":"http","status":502} that status, an HTML page (or "body"); {"kind":"reset"} the
                 connection cut; {"kind":"hang"} no answer; {"kind":"truncated"} JSON cut off half way;
                 {"kind":"html"} HTTP 200 with an HTML page (a captive portal)
  history        states before the wait, for GetUDTSTaskHistory: "at" seconds from the task's first request
                 (negative: before it). The history adds the states the task went through: with "time" every
                 step whose time has come, polled or not; with "request" the states served. Answered
                 newest first (the API promises no order: clients must sort by CreateTime), entries of
                 the same second oldest first.
  historyFault   a FAULT every GetUDTSTaskHistory call for that task answers with
  historyAction  false: the endpoint has no GetUDTSTaskHistory (RetCode 161 Action not found)
  keys           accepted key pairs [{ "publicKey": "...", "privateKey": "..." }] (default: the demo keys)
  latencyMs      every answer is held back this long
  github         the fake GitHub API: "token" it accepts (default ${DEMO_GITHUB_TOKEN}); "refuse": 401, 403
                 or 404 for every request; "faults": [{ "request": N, "fault": FAULT }] on the Nth GitHub
                 request (kinds http, reset, hang, html; endless: HTTP 200 JSON that never ends; and
                 late, {"kind":"late","storeMs":7000,"answerMs":5000}: carried out 7 s after it arrived,
                 answered 5 s after that, never without answerMs);
                 "headers": { NAME: VALUE } on every GitHub answer; "rateLimits": [{ "request": N, "limit": "primary" or
                 "secondary", "seconds": S }] GitHub's 403 rate limit on the Nth request (primary: reset S s
                 later, default 60; secondary: retry-after S only when given); "slowListMs": every list
                 call held back this long`;
const GITHUB = `  POST  {prefix}/repos/{owner}/{repo}/check-runs              create (201)
  PATCH {prefix}/repos/{owner}/{repo}/check-runs/{id}         update
  GET   {prefix}/repos/{owner}/{repo}/check-runs/{id}         read
  GET   {prefix}/repos/{owner}/{repo}/commits/{ref}/check-runs?check_name=NAME
                                                              list: { total_count, check_runs }, the latest
                                                              run per name (filter=all: every run)
  {prefix} is anything: GITHUB_API_URL may be the emulator's URL or, GHES style, that URL + /api/v3.
  Authorization: "token X" or "Bearer X". As GitHub: 401 without or with a wrong token, 404 for an unknown
  run, 422 for an output title, summary or text over 65535 characters (or UTF-8 bytes), an unknown status
  or conclusion, "completed" (or completed_at) without a conclusion, started_at or completed_at not ISO
  8601, over 50 annotations or over 3 actions.`;
/** The full `--help` text, for the command the user started. */
function helpText(command = 'udts-wait-emulator') {
    const width = Math.max(...Object.keys(BUILTIN_SCENARIOS).map((name) => name.length));
    const builtins = Object.entries(BUILTIN_SCENARIOS).map(([name, { summary, scenario }]) => {
        const tasks = Object.keys(scenario.tasks).join(', ');
        return `  ${name.padEnd(width)}  ${summary}\n  ${' '.repeat(width)}  task ids: ${tasks}`;
    });
    return `UDTS API emulator: GetUDTSTaskStatus, GetUDTSTaskHistory and a fake of GitHub's check-runs API on
127.0.0.1, answering from a scenario, for demos, tests and dry runs with no account.

${usage(command)}
  --scenario NAME|FILE  a built-in scenario below, or a JSON file (./NAME for a file named like one)
  --port N              the port (default 0: any free port)
  --help                this text
It prints its URL as the first line of stdout and serves until SIGINT or SIGTERM. It checks every
signature as the API does (POST form, POST JSON or GET); the demo keys are public key
${DEMO_KEYS.publicKey}, private key ${DEMO_KEYS.privateKey}, and the GitHub token ${DEMO_GITHUB_TOKEN}.

Built-in scenarios:
${builtins.join('\n')}

Scenario format (JSON), for example:
${EXAMPLE}

${FORMAT}

Fake GitHub check-runs API, on the same port:
${GITHUB}

GET /_emulator/stats: the UDTS requests (never their signatures), per-task counts, the GitHub requests
in order and the check runs' current state; handy as a readiness check.
`;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/version.ts

/** The release, as package.json states it (a test keeps the two equal); sent in the User-Agent. */
const VERSION = '1.0.0';
/** "udts-wait/1.0.0 (action; node v24.1.0)": names us to the API and its operators. */
function userAgent(frontDoor) {
    return `udts-wait/${VERSION} (${frontDoor}; node ${process.version})`;
}
/**
 * How the user started this program, for its --help: the name it was run as from the PATH
 * (`udts-wait`, `udts-wait-emulator`: npm's link keeps the bin name in argv[1]), else `node FILE` when
 * a script was run by path (`node dist/cli.js`), the file relative to `cwd` when it lies below it.
 */
function commandName(script, bin, cwd = process.cwd()) {
    if (!script)
        return bin;
    if (!/\.[cm]?js$/.test((0,external_node_path_namespaceObject.basename)(script)))
        return (0,external_node_path_namespaceObject.basename)(script);
    const below = (0,external_node_path_namespaceObject.relative)(cwd, script);
    return `node ${below && !below.startsWith('..') && !(0,external_node_path_namespaceObject.isAbsolute)(below) ? below : script}`;
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: ./src/udts/status.ts
/**
 * What a GetUDTSTaskStatus reading is: the status vocabulary, the StatusData shape, and the tolerant
 * reading of a response body (any field may be missing; numbers may come as strings).
 */


/** The API action this product calls (and the emulator answers). */
const STATUS_ACTION = 'GetUDTSTaskStatus';
/** Every status the provider documents, spelled as the API spells them. */
const KNOWN_STATUSES = [
    'Created', 'Checking', 'Starting', 'Started', 'Dumping', 'Loading', 'Syncing', 'Synced', 'Done',
    'Success', 'Failed', 'RetryPending', 'Stopping', 'Stopped', 'FailedUnrecoverable', 'StoppedUnrecoverable',
];
const DEFAULT_SUCCESS_STATES = (/* unused pure expression or super */ null && (['Done', 'Success']));
const DEFAULT_FAILURE_STATES = (/* unused pure expression or super */ null && ([
    'Failed', 'FailedUnrecoverable', 'StoppedUnrecoverable', 'Stopped',
]));
const CANONICAL_BY_LOWER = new Map(KNOWN_STATUSES.map((s) => [s.toLowerCase(), s]));
/**
 * The documented spelling of a status name given in any case and spacing ("\n\t done ",
 * "Failed Unrecoverable"), or undefined when it is not one.
 */
function canonicalStatus(name) {
    return CANONICAL_BY_LOWER.get(name.replace(/[\s\u0085]/g, '').toLowerCase());
}
/** The lag fields: a number of seconds, 0 or more; null or absent is no figure. */
const LAG_FIELDS = (/* unused pure expression or super */ null && (['RedisDelayTime', 'MongoDelayTime']));
/** Reads the `Data` object of a GetUDTSTaskStatus response into a Reading. */
function readingFromData(data) {
    const root = asObject(data);
    const progress = asObject(root.Progress);
    const sync = asObject(root.Sync);
    const reading = {
        status: asText(root.Status, SHORT_FIELD_CHARS),
        failedMessage: asText(root.FailedMessage),
        curRetryCount: asNumber(root.CurRetryCount),
        maxRetryCount: asNumber(root.MaxRetryCount),
        totalCount: asNumber(progress.TotalCount),
        curCount: asNumber(progress.CurCount),
        totalDuration: asNumber(progress.TotalDuration),
        curDuration: asNumber(progress.CurDuration),
        percentage: asNumber(progress.Percentage),
        redisOffsetSize: asNumber(progress.RedisOffsetSize),
        redisDelayTime: asLag(progress.RedisDelayTime),
        mongoDelayTime: asLag(progress.MongoDelayTime),
        binlogName: asText(sync.BinlogName, SHORT_FIELD_CHARS),
        binlogPos: asNumber(sync.BinlogPos),
        binlogGtid: asText(sync.BinlogGTID),
        // A lag that is there but unreadable must not count as "within max-lag" (1e999, "abc", -100).
        lagUnreadable: LAG_FIELDS.some((field) => progress[field] !== undefined && progress[field] !== null && asLag(progress[field]) === undefined) || undefined,
    };
    // Drop the undefined keys so readings compare and serialise cleanly.
    return Object.fromEntries(Object.entries(reading).filter(([, v]) => v !== undefined));
}
function asLag(value) {
    const seconds = asNumber(value);
    return seconds !== undefined && seconds >= 0 ? seconds : undefined;
}
/** The replication lag the task reports, in seconds (Redis or MongoDB); MySQL reports none. */
function lagSeconds(reading) {
    return reading.redisDelayTime ?? reading.mongoDelayTime;
}
/** Seconds left by the service's own estimate, when it gives one. */
function remainingSeconds(reading) {
    const { totalDuration, curDuration } = reading;
    if (totalDuration === undefined || curDuration === undefined || totalDuration <= 0)
        return undefined;
    return Math.max(0, totalDuration - curDuration);
}

;// CONCATENATED MODULE: ./src/emulator/body.ts
/**
 * The cap for a UDTS request: a status or history request is a few hundred bytes of form fields, so
 * 64 KiB leaves ample room for long ids and keys and still refuses a runaway sender at once.
 */
const UDTS_BODY_CAP_BYTES = 64 * 1024;
/**
 * The cap for a GitHub request: a check run's title, summary and text may each reach 65,535
 * characters, several bytes each in UTF-8 and JSON escaping, and the fake must read a body over
 * GitHub's limits to answer 422 as GitHub does rather than 413.
 */
const GITHUB_BODY_CAP_BYTES = 1024 * 1024;
/** A body over its cap: the server answers 413 Payload Too Large. */
class BodyTooLargeError extends Error {
    capBytes;
    constructor(capBytes, seenBytes, declared) {
        super(`request body ${declared ? 'declared as' : 'over'} ${seenBytes} bytes, over the emulator's cap of ${capBytes} bytes`);
        this.capBytes = capBytes;
        this.name = 'BodyTooLargeError';
    }
}
/**
 * The whole body, or BodyTooLargeError once it passes `capBytes`. A Content-Length over the cap is
 * refused before reading; a stream is counted as it comes and paused at the cap, so at most the cap
 * plus one chunk is ever held. One concat at the end keeps the time linear in the size.
 */
function readRequestBody(stream, capBytes, declaredBytes) {
    if (declaredBytes !== undefined && declaredBytes > capBytes) {
        return Promise.reject(new BodyTooLargeError(capBytes, declaredBytes, true));
    }
    return new Promise((resolve, reject) => {
        let chunks = [];
        let sizeBytes = 0;
        const onData = (chunk) => {
            sizeBytes += chunk.length;
            if (sizeBytes <= capBytes)
                return void chunks.push(chunk);
            stream.off('data', onData);
            stream.pause();
            chunks = [];
            reject(new BodyTooLargeError(capBytes, sizeBytes, false));
        };
        stream.on('data', onData);
        stream.once('end', () => resolve(Buffer.concat(chunks, sizeBytes)));
        stream.once('error', reject);
    });
}
/** The Content-Length a request declares, when it declares a usable one. */
function declaredLength(req) {
    const header = req.headers['content-length'];
    return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}
/** UDTS parameters from the URL query and a form or JSON body (the API takes all three); the body wins. */
function udtsParams(url, body, contentType) {
    return { ...Object.fromEntries(url.searchParams), ...bodyParams(body.toString('utf8'), contentType) };
}
function bodyParams(text, contentType) {
    if (text === '')
        return {};
    if (!contentType.includes('json'))
        return Object.fromEntries(new URLSearchParams(text));
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            return {};
        return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/emulator/check-runs.ts
/**
 * The check runs the fake GitHub API keeps, shaped as GitHub's REST API answers them, and GitHub's
 * validation (422) of what a client sends to create or update one.
 */
const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
/** What a client may set; `stale` and `startup_failure` only GitHub sets. */
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'timed_out'];
const OUTPUT_FIELDS = ['title', 'summary', 'text'];
/** GitHub's limit on output.title, summary and text: 65,535 characters, and since 2024 as many UTF-8 bytes. */
const OUTPUT_LIMIT = 65_535;
/** At most this many annotations and actions a request. */
const MAX_ANNOTATIONS = 50;
const MAX_ACTIONS = 3;
/** A date-time as GitHub reads it: ISO 8601, `YYYY-MM-DDTHH:MM:SSZ` (fractions and offsets allowed). */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const tooMany = (field, count, max) => invalid(`For 'properties/${field}', ${count} items are more than the maximum of ${max}.`);
const invalid = (detail) => ({ message: `Invalid request.\n\n${detail}` });
const notMember = (field, value, allowed) => invalid(`For 'properties/${field}', ${JSON.stringify(value)} is not a member of ${JSON.stringify(allowed)}.`);
/** GitHub's 422 answer to a create (`creating`) or update body, or undefined when GitHub would take it. */
function validationError(body, creating) {
    for (const field of creating ? ['name', 'head_sha'] : []) {
        if (typeof body[field] !== 'string' || body[field] === '')
            return invalid(`"${field}" wasn't supplied.`);
    }
    if (body.status !== undefined && !STATUSES.includes(body.status))
        return notMember('status', body.status, STATUSES);
    if (body.conclusion !== undefined && !CONCLUSIONS.includes(body.conclusion)) {
        return notMember('conclusion', body.conclusion, CONCLUSIONS);
    }
    if ((body.status === 'completed' || body.completed_at !== undefined) && body.conclusion === undefined) {
        return invalid('"conclusion" wasn\'t supplied.');
    }
    for (const field of ['started_at', 'completed_at']) {
        if (body[field] !== undefined && !(typeof body[field] === 'string' && ISO_8601.test(body[field]))) {
            return invalid(`For 'properties/${field}', ${JSON.stringify(body[field])} is not a date-time.`);
        }
    }
    if (Array.isArray(body.actions) && body.actions.length > MAX_ACTIONS)
        return tooMany('actions', body.actions.length, MAX_ACTIONS);
    return body.output === undefined ? undefined : outputError(body.output, creating);
}
function outputError(output, creating) {
    if (typeof output !== 'object' || output === null)
        return invalid(`For 'properties/output', ${JSON.stringify(output)} is not an object.`);
    const fields = output;
    for (const field of creating ? ['title', 'summary'] : ['summary']) {
        if (typeof fields[field] !== 'string')
            return invalid(`"${field}" wasn't supplied.`);
    }
    if (Array.isArray(fields.annotations) && fields.annotations.length > MAX_ANNOTATIONS) {
        return tooMany('output/annotations', fields.annotations.length, MAX_ANNOTATIONS);
    }
    for (const field of OUTPUT_FIELDS) {
        const text = fields[field];
        if (typeof text !== 'string')
            continue;
        const characters = [...text].length;
        if (characters > OUTPUT_LIMIT)
            return invalid(`Only ${OUTPUT_LIMIT} characters are allowed; ${characters} were supplied.`);
        if (Buffer.byteLength(text, 'utf8') > OUTPUT_LIMIT) {
            const message = `${field} exceeds a maximum bytesize of ${OUTPUT_LIMIT}`;
            return { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'custom', field, message }] };
        }
    }
    return undefined;
}
/** A new check run from a valid create body; `apiUrl` is where it can be read back. */
function newCheckRun(id, body, apiUrl, htmlUrl, nowIso) {
    const run = {
        id,
        node_id: Buffer.from(`CheckRun${id}`).toString('base64'),
        name: body.name,
        head_sha: body.head_sha,
        external_id: '',
        url: apiUrl,
        html_url: htmlUrl,
        details_url: null,
        status: 'queued',
        conclusion: null,
        started_at: nowIso,
        completed_at: null,
        output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: `${apiUrl}/annotations` },
        check_suite: { id: 900_000 + id },
        app: { slug: 'github-actions', name: 'GitHub Actions' },
        pull_requests: [],
    };
    applyUpdate(run, body, nowIso);
    return run;
}
/** Applies a valid update body as GitHub does: a conclusion completes the run. */
function applyUpdate(run, body, nowIso) {
    for (const field of ['name', 'details_url', 'external_id', 'started_at']) {
        if (typeof body[field] === 'string')
            run[field] = body[field];
    }
    // GitHub never reopens a completed run: its status and conclusion stay; the rest still changes.
    if (run.status === 'completed') {
        applyOutput(run, body);
        return;
    }
    if (typeof body.status === 'string')
        run.status = body.status;
    if (typeof body.conclusion === 'string') {
        run.conclusion = body.conclusion;
        run.status = 'completed';
        run.completed_at = typeof body.completed_at === 'string' ? body.completed_at : nowIso;
    }
    else if (body.status !== undefined && body.status !== 'completed') {
        run.conclusion = null;
        run.completed_at = null;
    }
    applyOutput(run, body);
}
function applyOutput(run, body) {
    const output = body.output;
    for (const field of OUTPUT_FIELDS) {
        if (typeof output?.[field] === 'string')
            run.output[field] = output[field];
    }
}
/** GitHub's list answer: the repository's runs on `ref`, the latest per name unless `filter=all`, newest first. */
function listRuns(kept, repository, ref, query) {
    const name = query.get('check_name');
    const status = query.get('status');
    let runs = kept
        .filter((entry) => entry.repository === repository && entry.run.head_sha === ref)
        .map((entry) => entry.run)
        .filter((run) => (name === null || run.name === name) && (status === null || run.status === status))
        .sort((a, b) => b.id - a.id);
    if (query.get('filter') !== 'all')
        runs = runs.filter((run, index) => runs.findIndex((other) => other.name === run.name) === index);
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    return { total_count: runs.length, check_runs: runs.slice((page - 1) * perPage, page * perPage) };
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/emulator/reply.ts
/**
 * Writing answers: JSON as the APIs send it, and the faults a scenario can ask for instead.
 */

/** A JSON answer; every answer carries a request id, as the UDTS API's `X-UCLOUD-REQUEST-UUID`. */
function sendJson(res, status, body, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json', 'x-ucloud-request-uuid': (0,external_node_crypto_namespaceObject.randomUUID)(), ...headers });
    res.end(JSON.stringify(body));
}
const HTML_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
/** Answers with a fault; `action` names the UDTS action whose answer a truncated or retcode fault imitates. */
function sendFault(res, fault, action) {
    switch (fault.kind) {
        case 'http':
            res.writeHead(fault.status, { 'content-type': 'text/html', 'x-ucloud-request-uuid': (0,external_node_crypto_namespaceObject.randomUUID)() });
            res.end(fault.body ?? HTML_PAGE.replaceAll('502 Bad Gateway', `${fault.status} Error`));
            return;
        case 'reset':
            res.socket?.destroy();
            return;
        case 'hang':
            return; // never answered; closing the emulator cuts it
        case 'truncated':
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(`{"RetCode":0,"Action":"${action}Response","Data":{"Status":"Load`);
            return;
        case 'html':
            res.writeHead(200, { 'content-type': 'text/html' });
            res.end('<!DOCTYPE html><html><body>Please log in to the network</body></html>');
            return;
        case 'retcode':
            sendJson(res, 200, { RetCode: fault.retCode, Action: `${action}Response`, Message: fault.message ?? '' });
    }
}

;// CONCATENATED MODULE: ./src/emulator/github.ts



const RECENT_LIMIT = 1_000;
const DOCS = 'https://docs.github.com/rest/checks/runs';
const LIMITS_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
const REFUSALS = {
    401: 'Bad credentials',
    403: 'Resource not accessible by integration',
    404: 'Not Found',
};
const refusal = (status, message) => ({ status, body: { message, documentation_url: DOCS } });
const RUN_PATH = /^(?<prefix>.*)\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/check-runs(?:\/(?<id>\d+))?$/;
const LIST_PATH = /^(?<prefix>.*)\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/commits\/(?<ref>[^/]+)\/check-runs$/;
/** True for a path under `/repos/{owner}/{repo}/`: GitHub's, unless the request names a UDTS Action. */
function isGithubPath(pathname) {
    return /\/repos\/[^/]+\/[^/]+\//.test(pathname);
}
/** The fake: `answer` serves one request whose body has been read; `stats` is live. */
function createGithubFake(script, origin, now, sleep) {
    const stats = { requests: [], checkRuns: [] };
    let nextId = 1_000_001;
    let requestNumber = 0; // counted apart from `requests`, which keeps only the latest 1,000
    const find = (route) => stats.checkRuns.find((kept) => kept.repository === route.repository && kept.run.id === route.id)?.run;
    const serve = (route, json, seen, query) => {
        const nowIso = new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
        if (route.kind === 'list')
            return { status: 200, body: listRuns(stats.checkRuns, route.repository, route.ref, query) };
        if (route.kind === 'create') {
            const refused = validationError(json, true);
            if (refused)
                return { status: 422, body: { ...refused, documentation_url: DOCS } };
            const id = nextId++;
            const apiUrl = `${origin()}${route.prefix}/repos/${route.repository}/check-runs/${id}`;
            const run = newCheckRun(id, json, apiUrl, `${origin()}/${route.repository}/runs/${id}`, nowIso);
            stats.checkRuns.push({ repository: route.repository, run });
            seen.checkRunId = id;
            return { status: 201, body: run };
        }
        seen.checkRunId = route.id;
        const run = find(route);
        if (!run)
            return refusal(404, REFUSALS[404]);
        if (route.kind === 'get')
            return { status: 200, body: run };
        const refused = validationError(json, false);
        if (refused)
            return { status: 422, body: { ...refused, documentation_url: DOCS } };
        applyUpdate(run, json, nowIso);
        return { status: 200, body: run };
    };
    const reply = (req, url, bodyText, seen) => {
        if (seen.auth === 'none')
            return refusal(401, 'Requires authentication');
        if (seen.auth === 'wrong')
            return refusal(401, REFUSALS[401]);
        if (script.refuse)
            return refusal(script.refuse, REFUSALS[script.refuse]);
        const route = routeOf(req.method ?? '', url.pathname);
        if (!route)
            return refusal(404, REFUSALS[404]);
        const json = parseJson(bodyText);
        if (json === undefined)
            return refusal(400, 'Problems parsing JSON');
        if (req.method !== 'GET')
            seen.body = summarize(json);
        return serve(route, json, seen, url.searchParams);
    };
    /** What every answer but a fault's carries: the scenario's headers and GitHub's Date. */
    const answerHeaders = (nowMs) => ({ ...script.headers, date: new Date(nowMs).toUTCString() });
    /** Carries the request out late (whether or not the client still waits), then answers later still, or never. */
    const answerLate = async (fault, carryOut, seen, res) => {
        seen.status = 'fault';
        await sleep(fault.storeMs);
        const { status, body } = carryOut();
        if (fault.answerMs === undefined)
            return;
        await sleep(fault.answerMs);
        seen.status = status;
        if (!res.destroyed)
            sendJson(res, status, body, answerHeaders(now()));
    };
    return {
        stats,
        async answer(req, res, url, bodyText) {
            const seen = { method: req.method ?? '', path: url.pathname + url.search, status: 0, auth: authOf(req, script) };
            if (typeof req.headers['x-github-api-version'] === 'string')
                seen.apiVersion = req.headers['x-github-api-version'];
            requestNumber += 1;
            stats.requests.push(seen);
            if (stats.requests.length > RECENT_LIMIT)
                stats.requests.shift();
            const fault = script.faults?.find((entry) => entry.request === requestNumber)?.fault;
            if (fault?.kind === 'late')
                return answerLate(fault, () => reply(req, url, bodyText, seen), seen, res);
            if (fault) {
                seen.status = fault.kind === 'http' ? fault.status : 'fault';
                return fault.kind === 'endless' ? sendEndless(res) : sendFault(res, fault, '');
            }
            const nowMs = now();
            const date = answerHeaders(nowMs);
            const limit = script.rateLimits?.find((entry) => entry.request === requestNumber);
            if (limit) {
                seen.status = 403;
                const { headers, message } = rateLimit(limit, nowMs);
                return sendJson(res, 403, { message, documentation_url: LIMITS_DOCS }, { ...date, ...headers });
            }
            if (script.slowListMs && req.method === 'GET' && LIST_PATH.test(url.pathname))
                await sleep(script.slowListMs);
            const { status, body } = reply(req, url, bodyText, seen);
            seen.status = status;
            sendJson(res, status, body, date);
        },
    };
}
/** An answer that never ends: a list of check runs written as fast as the client reads it. */
function sendEndless(res) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.write('{"total_count":1,"check_runs":[');
    const chunk = '{"id":1,"name":"n","status":"queued"},'.repeat(2_000);
    const more = () => {
        while (!res.destroyed && res.write(chunk))
            ;
        if (!res.destroyed)
            res.once('drain', more);
    };
    more();
}
/** GitHub's answer to a request past a rate limit: its headers and message. */
function rateLimit(limit, nowMs) {
    if (limit.limit === 'primary') {
        const reset = String(Math.floor(nowMs / 1_000) + (limit.seconds ?? 60));
        const headers = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '1000', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': 'core' };
        return { headers, message: 'API rate limit exceeded for installation ID 1.' };
    }
    const headers = limit.seconds === undefined ? {} : { 'retry-after': String(limit.seconds) };
    return { headers, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };
}
function authOf(req, script) {
    const header = req.headers.authorization;
    if (header === undefined || header === '')
        return 'none';
    const match = /^(token|bearer)\s+(\S+)\s*$/i.exec(header);
    if (!match || match[2] !== (script.token ?? DEMO_GITHUB_TOKEN))
        return 'wrong';
    return (match[1] ?? '').toLowerCase() === 'token' ? 'token' : 'bearer';
}
function routeOf(method, pathname) {
    const list = LIST_PATH.exec(pathname)?.groups;
    if (list && method === 'GET')
        return { kind: 'list', repository: `${list.owner}/${list.repo}`, prefix: list.prefix ?? '', ref: list.ref ?? '' };
    const run = RUN_PATH.exec(pathname)?.groups;
    if (!run)
        return undefined;
    const base = { repository: `${run.owner}/${run.repo}`, prefix: run.prefix ?? '' };
    if (run.id === undefined)
        return method === 'POST' ? { kind: 'create', ...base } : undefined;
    if (method === 'PATCH')
        return { kind: 'update', ...base, id: Number(run.id) };
    return method === 'GET' ? { kind: 'get', ...base, id: Number(run.id) } : undefined;
}
function parseJson(text) {
    if (text.trim() === '')
        return {};
    try {
        const parsed = JSON.parse(text);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
function summarize(json) {
    const summary = {};
    for (const field of ['name', 'head_sha', 'status', 'conclusion', 'details_url', 'external_id']) {
        if (typeof json[field] === 'string')
            summary[field] = json[field];
    }
    const output = (typeof json.output === 'object' && json.output !== null ? json.output : {});
    if (typeof output.title === 'string')
        summary.title = output.title.slice(0, 200);
    if (typeof output.summary === 'string')
        summary.summaryLength = output.summary.length;
    if (typeof output.text === 'string')
        summary.textLength = output.text.length;
    return summary;
}

;// CONCATENATED MODULE: ./src/emulator/tasks.ts
/**
 * What each task has been through while the emulator runs: when it was first asked about, how many
 * status requests it answered, and the states it served. From that: the step that answers a status
 * request, and the timeline GetUDTSTaskHistory reports.
 */

/** A task book with nothing seen yet. A task's clock starts at its first request of either kind. */
function createTaskBook() {
    const runs = new Map();
    const runOf = (taskId, nowMs) => {
        let run = runs.get(taskId);
        if (!run)
            runs.set(taskId, (run = { firstSeenAtMs: nowMs, statusRequests: 0, served: [] }));
        return run;
    };
    return {
        statusStep(taskId, script, nowMs) {
            const run = runOf(taskId, nowMs);
            const step = currentStep(script, run.statusRequests, nowMs - run.firstSeenAtMs);
            run.statusRequests += 1;
            run.lastStep = step;
            const state = stateOf(step);
            // Only changes are kept: a task polled for hours holds one entry per state, not per poll.
            if (state !== undefined && state !== run.served.at(-1)?.state)
                run.served.push({ state, atMs: nowMs });
            return step;
        },
        stepNow(taskId, script, nowMs) {
            const run = runOf(taskId, nowMs);
            if (script.advance === 'time')
                return currentStep(script, 0, nowMs - run.firstSeenAtMs);
            return run.lastStep ?? script.steps[0];
        },
        history(taskId, script, nowMs) {
            const run = runOf(taskId, nowMs);
            const at = (seconds) => run.firstSeenAtMs + seconds * 1_000;
            const before = (script.history ?? []).map((entry) => ({ state: entry.state, atMs: at(entry.at) }));
            // A time-advanced task went through every step whose time has come, polled or not (a retry
            // between two polls shows here); a request-advanced one only through what it served.
            const lived = script.advance === 'time' ? script.steps.flatMap((step) => timedChange(step, at)) : run.served;
            const due = [...before, ...lived].filter((change) => change.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
            return due.filter((change, index) => index === 0 || change.state !== due[index - 1]?.state);
        },
    };
}
/** True for a step that says the task does not exist (yet): RetCode 230, as for an unknown TaskId. */
function isAbsent(step) {
    return step.fault?.kind === 'retcode' && Number(step.fault.retCode) === 230;
}
function stateOf(step) {
    const status = step.data?.Status;
    return typeof status === 'string' && status !== '' ? status : undefined;
}
function timedChange(step, at) {
    const state = stateOf(step);
    return state === undefined ? [] : [{ state, atMs: at(step.at ?? 0) }];
}

;// CONCATENATED MODULE: ./src/udts/signature.ts

/**
 * The UCloud "VerifyAC" signature: sort the sent parameters (Signature excluded, empty ones dropped)
 * by plain code-unit order, concatenate key + value, append the private key, SHA-1, lowercase hex.
 * Only flat parameters: GetUDTSTaskStatus has no arrays or objects.
 */
function sign(params, privateKey) {
    const sent = sentParams(params);
    const signed = Object.keys(sent)
        .filter((key) => key !== 'Signature')
        // Plain sort() compares UTF-16 code units, as the API does ("CPU" before "ChargeType").
        .sort()
        .map((key) => key + sent[key])
        .join('');
    // A string is hashed as UTF-8.
    return (0,external_node_crypto_namespaceObject.createHash)('sha1').update(signed + privateKey).digest('hex');
}
/** The parameters that go on the wire, as text: null, undefined and empty strings are left out. */
function sentParams(params) {
    const sent = {};
    for (const [key, value] of Object.entries(params)) {
        const text = paramText(value);
        if (text !== '')
            sent[key] = text;
    }
    return sent;
}
function paramText(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'number') {
        // Integral numbers without ".0" and never in exponent form; fractions as JS writes them.
        if (Number.isInteger(value))
            return BigInt(value).toString();
        // Only fractions below 1e-6 print with an exponent ("1e-7"); the API signs them written out.
        // split() gives at least one part.
        const [mantissa, exponent] = String(value).split('e');
        if (exponent === undefined)
            return mantissa;
        const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
        return `${mantissa.startsWith('-') ? '-' : ''}0.${'0'.repeat(-Number(exponent) - whole.length)}${whole}${fraction}`;
    }
    return String(value);
}

;// CONCATENATED MODULE: ./src/udts/history.ts
/**
 * What a GetUDTSTaskHistory answer is: the service's own timeline of a task's states, read as
 * tolerantly as a status reading (entries may lack fields; numbers may come as strings).
 */


/** The API action that returns a task's state timeline (same endpoint and signature as the status call). */
const HISTORY_ACTION = 'GetUDTSTaskHistory';
// A time the service can have recorded: not before this, nor more than a day ahead of the runner's
// clock (clocks differ, a day does not). Outside that, a time is garbage, and shown it reads as garbage too.
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const AHEAD_MS = 86_400_000;
/**
 * Reads the `Data` list of a GetUDTSTaskHistory answer, oldest first (the API promises no order;
 * entries at the same second keep the API's order). An entry without a state name, or whose
 * CreateTime is not whole unix seconds (an integer, or a string of decimal digits) from 2000-01-01 to
 * a day after `nowMs` (the runner's wall clock), is dropped and told to `dropped`, once each.
 * `Data` that is not a list reads as no history.
 */
function historyFromData(data, nowMs, dropped) {
    if (!Array.isArray(data))
        return [];
    const entries = [];
    for (const item of data) {
        const fields = asObject(item);
        const state = asText(fields.AntState, SHORT_FIELD_CHARS);
        const at = unixSeconds(fields.CreateTime) * 1_000;
        if (state === undefined || state.trim() === '') {
            dropped?.('an entry without a state (AntState) is dropped');
        }
        else if (at >= EARLIEST_MS && at <= nowMs + AHEAD_MS) {
            entries.push({ state, at });
        }
        else {
            dropped?.(`the entry of ${history_shown(state)} is dropped: its CreateTime, ${history_shown(fields.CreateTime)}, is no time from 2000-01-01 to a day from now`);
        }
    }
    return entries.sort((a, b) => a.at - b.at);
}
/** A value from the answer as a debug line quotes it: JSON, at most 64 characters. */
function history_shown(value) {
    return value === undefined ? 'missing' : JSON.stringify(value).slice(0, 64);
}
/** Whole seconds from an integer or a string of decimal digits; NaN for anything else. */
function unixSeconds(value) {
    if (typeof value === 'string' && /^\d+$/.test(value))
        return Number(value);
    return Number.isSafeInteger(value) ? value : Number.NaN;
}

;// CONCATENATED MODULE: ./src/emulator/udts.ts





const MESSAGES = {
    160: 'Missing Action',
    161: 'Action not found',
    170: 'Missing Signature',
    171: 'Signature VerifyAC Error',
    172: 'User not exist',
    220: 'Missing params [TaskId]',
    230: 'Params [TaskId] not available',
};
/** Answers one UDTS request; returns the RetCode answered ('fault' for a fault without one). */
function answerUdts(params, res, world) {
    const answer = decide(params, world);
    const action = params.Action ?? '';
    if ('fault' in answer) {
        sendFault(res, answer.fault, action);
        return answer.fault.kind === 'retcode' ? answer.fault.retCode : 'fault';
    }
    const { retCode, data } = answer;
    sendJson(res, 200, { RetCode: retCode, Action: `${action}Response`, Message: MESSAGES[retCode] ?? '', ...(data === undefined ? {} : { Data: data }) });
    return retCode;
}
function decide(params, world) {
    const refused = actionError(params.Action, world.scenario) ?? callerError(params, world.keys);
    if (refused !== undefined)
        return { retCode: refused };
    const task = findTask(params, world.scenario);
    if (typeof task === 'number')
        return { retCode: task };
    return params.Action === STATUS_ACTION ? statusAnswer(task, world) : historyAnswer(task, world);
}
function actionError(action, scenario) {
    if (!action)
        return 160;
    if (action === STATUS_ACTION || (action === HISTORY_ACTION && scenario.historyAction !== false))
        return undefined;
    return 161;
}
/** The signature over every other parameter sent, with the private key of the given public key. */
function callerError(params, keys) {
    const { Signature: signature, ...signed } = params;
    if (!signature)
        return 170;
    const privateKey = keys.get(params.PublicKey ?? '');
    if (privateKey === undefined)
        return 172;
    return sign(signed, privateKey) === signature ? undefined : 171;
}
function findTask(params, scenario) {
    const taskId = params.TaskId;
    if (!taskId)
        return 220;
    const script = Object.hasOwn(scenario.tasks, taskId) ? scenario.tasks[taskId] : undefined;
    if (!script || (script.projectId && params.ProjectId && params.ProjectId !== script.projectId))
        return 230;
    return { taskId, script };
}
function statusAnswer({ taskId, script }, world) {
    const step = world.tasks.statusStep(taskId, script, world.now());
    world.count(STATUS_ACTION, taskId);
    return step.fault ? { fault: step.fault } : { retCode: 0, data: step.data ?? {} };
}
function historyAnswer({ taskId, script }, world) {
    const nowMs = world.now();
    world.count(HISTORY_ACTION, taskId);
    if (isAbsent(world.tasks.stepNow(taskId, script, nowMs)))
        return { retCode: 230 };
    if (script.historyFault)
        return { fault: script.historyFault };
    // Newest first: the API promises no order, so a client that does not sort shows it. Entries of
    // the same second stay oldest first, so a client's stable sort by CreateTime gets them right.
    const items = world.tasks.history(taskId, script, nowMs).map((change) => historyItem(taskId, change));
    return { retCode: 0, data: items.sort((a, b) => b.CreateTime - a.CreateTime) };
}
/** One TaskHistoryItem as the SDKs describe it; CreateTimeH in UTC+8 (the emulator's choice: read CreateTime). */
function historyItem(taskId, { state, atMs }) {
    const createTime = Math.floor(atMs / 1_000);
    const shanghai = new Date((createTime + 8 * 3_600) * 1_000).toISOString();
    return { AntID: taskId, AntState: state, CreateTime: createTime, CreateTimeH: `${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)}` };
}

;// CONCATENATED MODULE: ./src/emulator/server.ts
/**
 * The emulator's HTTP server on loopback. A request with an `Action` parameter (query or body) goes
 * to the UDTS API; one under `/repos/{owner}/{repo}/` without it to the fake GitHub API;
 * `GET /_emulator/stats` shows what both saw. Bodies are read with a cap (413 beyond it).
 */








const server_RECENT_LIMIT = 1_000;
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Starts the emulator on 127.0.0.1; `options` may be just the port. */
async function startEmulator(scenario, options = {}) {
    const { port = 0, now = Date.now, sleep = realSleep } = typeof options === 'number' ? { port: options } : options;
    let origin = '';
    const github = createGithubFake(scenario.github ?? {}, () => origin, now, sleep);
    // Counts by task name without a prototype: a task named `constructor` or `__proto__` counts as itself.
    const byName = () => Object.create(null);
    const stats = { requests: 0, byTask: byName(), historyByTask: byName(), maxInFlight: 0, recent: [], tooLarge: 0, github: github.stats };
    const world = {
        scenario,
        keys: new Map((scenario.keys ?? [DEMO_KEYS]).map((k) => [k.publicKey, k.privateKey])),
        tasks: createTaskBook(),
        now,
        count: (action, taskId) => {
            const table = action === STATUS_ACTION ? stats.byTask : stats.historyByTask;
            table[taskId] = (table[taskId] ?? 0) + 1;
        },
    };
    const hold = async () => {
        if (scenario.latencyMs)
            await sleep(scenario.latencyMs);
    };
    const answer = async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://emulator');
        if (url.pathname === '/_emulator/stats')
            return sendJson(res, 200, stats);
        const githubShaped = isGithubPath(url.pathname) && !url.searchParams.has('Action');
        const body = await readRequestBody(req, githubShaped ? GITHUB_BODY_CAP_BYTES : UDTS_BODY_CAP_BYTES, declaredLength(req));
        const params = udtsParams(url, body, req.headers['content-type'] ?? '');
        if (githubShaped && params.Action === undefined) {
            await hold();
            return github.answer(req, res, url, body.toString('utf8'));
        }
        if (body.length > UDTS_BODY_CAP_BYTES)
            throw new BodyTooLargeError(UDTS_BODY_CAP_BYTES, body.length, false);
        const seen = record(req, params);
        await hold();
        seen.retCode = answerUdts(params, res, world);
    };
    const record = (req, params) => {
        const seen = {
            method: req.method ?? '',
            url: req.url ?? '',
            contentType: req.headers['content-type'] ?? '',
            userAgent: req.headers['user-agent'] ?? '',
            params: Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'Signature')),
            retCode: 0,
        };
        stats.requests += 1;
        stats.recent.push(seen);
        if (stats.recent.length > server_RECENT_LIMIT)
            stats.recent.shift();
        return seen;
    };
    let inFlight = 0;
    const server = (0,external_node_http_namespaceObject.createServer)((req, res) => {
        inFlight += 1;
        stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
        res.on('close', () => (inFlight -= 1));
        answer(req, res).catch((error) => {
            if (res.headersSent)
                return;
            if (!(error instanceof BodyTooLargeError))
                return sendJson(res, 500, { RetCode: 500, Message: String(error) });
            stats.tooLarge += 1;
            // Closing the connection after a 413 stops the sender instead of reading the rest of its body.
            sendJson(res, 413, { message: error.message }, { connection: 'close' });
        });
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
    });
    origin = `http://127.0.0.1:${server.address().port}`;
    return {
        url: origin,
        stats: () => stats,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}

;// CONCATENATED MODULE: ./src/emulator/main.ts
/**
 * dist/emulator.js: `node dist/emulator.js --scenario NAME|FILE [--port N]`. Prints the URL it
 * listens on (loopback only) as its first line of stdout, then serves until stopped.
 */





async function main() {
    const { values } = (0,external_node_util_namespaceObject.parseArgs)({
        options: { scenario: { type: 'string' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
    });
    const command = commandName(process.argv[1], 'udts-wait-emulator');
    if (values.help) {
        process.stdout.write(helpText(command));
        return;
    }
    if (!values.scenario)
        throw new Error(`--scenario is required (a built-in name or a file; --help lists them)\n${usage(command)}`);
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65_535)
        throw new Error(`--port '${values.port}' is not a port (0-65535)`);
    const scenario = resolveScenario(values.scenario);
    const emulator = await startEmulator(scenario, { port });
    console.log(emulator.url);
    console.error(`UDTS emulator: ${scenario.description ?? values.scenario}; tasks: ${Object.keys(scenario.tasks).join(', ')}`);
    const stop = () => void emulator.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}
main().catch((error) => {
    console.error(`udts emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
});

