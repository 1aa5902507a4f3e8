export const id = 832;
export const ids = [832];
export const modules = {

/***/ 5832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadHost: () => (/* binding */ loadHost)
});

;// CONCATENATED MODULE: ./src/hosts/host-factory.ts
function newHost(classes, endpoint, role, runtime, options = {}) {
    const timeoutMs = options.requestTimeoutMs;
    const need = (type) => {
        const found = classes[type];
        if (!found)
            throw new Error(`The ${type} host adapter is not loaded.`);
        return found;
    };
    switch (endpoint.type) {
        case 'github':
            return new (need('github'))(endpoint, role, runtime, { timeoutMs });
        case 'gitlab':
            return new (need('gitlab'))(endpoint, role, runtime, { timeoutMs });
        case 'bitbucket-cloud':
            return new (need('bitbucket-cloud'))(endpoint, role, { timeoutMs });
        case 'bitbucket-server':
            return new (need('bitbucket-server'))(endpoint, role, { timeoutMs });
        case 'gitea':
            return new (need('gitea'))(endpoint, role, { timeoutMs });
        default: {
            const unknown = endpoint.type;
            throw new Error(`Unknown host type '${String(unknown)}'.`);
        }
    }
}

;// CONCATENATED MODULE: ./src/hosts/load-host.ts

const LOADERS = {
    github: async () => ({ github: (await Promise.all(/* import() */[__webpack_require__.e(372), __webpack_require__.e(884), __webpack_require__.e(643), __webpack_require__.e(810)]).then(__webpack_require__.bind(__webpack_require__, 1810))).GitHubHost }),
    gitlab: async () => ({ gitlab: (await Promise.all(/* import() */[__webpack_require__.e(372), __webpack_require__.e(582), __webpack_require__.e(643), __webpack_require__.e(638)]).then(__webpack_require__.bind(__webpack_require__, 8986))).GitLabHost }),
    'bitbucket-cloud': async () => ({
        'bitbucket-cloud': (await Promise.all(/* import() */[__webpack_require__.e(372), __webpack_require__.e(643), __webpack_require__.e(606)]).then(__webpack_require__.bind(__webpack_require__, 3606))).BitbucketCloudHost,
    }),
    'bitbucket-server': async () => ({
        'bitbucket-server': (await Promise.all(/* import() */[__webpack_require__.e(372), __webpack_require__.e(643), __webpack_require__.e(783)]).then(__webpack_require__.bind(__webpack_require__, 783))).BitbucketServerHost,
    }),
    gitea: async () => ({ gitea: (await Promise.all(/* import() */[__webpack_require__.e(372), __webpack_require__.e(643), __webpack_require__.e(697)]).then(__webpack_require__.bind(__webpack_require__, 8697))).GiteaHost }),
};
async function loadHost(endpoint, role, runtime, options = {}) {
    const loader = LOADERS[endpoint.type];
    if (!loader)
        throw new Error(`Unknown host type '${String(endpoint.type)}'.`);
    return newHost(await loader(), endpoint, role, runtime, options);
}


/***/ })

};
