let wasm_bindgen = (function(exports) {
    let script_src;
    if (typeof document !== 'undefined' && document.currentScript !== null) {
        script_src = new URL(document.currentScript.src, location.href).toString();
    }

    /**
     * The keys a codename stretches into (Argon2id, 64 MiB): the lookup and
     * verifier the server checks, and the reply identity, which never leaves
     * the WebAssembly memory.
     */
    class CodenameKeys {
        static __wrap(ptr) {
            const obj = Object.create(CodenameKeys.prototype);
            obj.__wbg_ptr = ptr;
            CodenameKeysFinalization.register(obj, obj.__wbg_ptr, obj);
            return obj;
        }
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            this.__wbg_ptr = 0;
            CodenameKeysFinalization.unregister(this);
            return ptr;
        }
        free() {
            const ptr = this.__destroy_into_raw();
            wasm.__wbg_codenamekeys_free(ptr, 0);
        }
        /**
         * The account's lookup key, hex.
         * @returns {string}
         */
        lookup() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.codenamekeys_lookup(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
        /**
         * Opens the replies served to this codename (one after another in
         * `sealed`, each `lengths[k]` bytes), checks that `newsroom` signed
         * each, and puts them in the newsroom's order, saying of each what
         * the server may have done: a JSON array (see
         * `client::Newsroom::open_replies`).
         * @param {Newsroom} newsroom
         * @param {Uint8Array | number[]} sealed
         * @param {Uint32Array | number[]} lengths
         * @returns {string}
         */
        open_replies(newsroom, sealed, lengths) {
            let deferred4_0;
            let deferred4_1;
            try {
                _assertClass(newsroom, Newsroom);
                let ptr0, len0, ptr1, len1;
                try {
                    ptr0 = passArray8ToWasm0(sealed, wasm.__wbindgen_malloc);
                    len0 = WASM_VECTOR_LEN;
                    ptr1 = passArray32ToWasm0(lengths, wasm.__wbindgen_malloc);
                    len1 = WASM_VECTOR_LEN;
                } catch (e) {
                    if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 4, 4); }
                    if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
                    throw e;
                }
                const ret = wasm.codenamekeys_open_replies(this.__wbg_ptr, newsroom.__wbg_ptr, ptr0, len0, ptr1, len1);
                var ptr3 = ret[0];
                var len3 = ret[1];
                if (ret[3]) {
                    ptr3 = 0; len3 = 0;
                    throw takeFromExternrefTable0(ret[2]);
                }
                deferred4_0 = ptr3;
                deferred4_1 = len3;
                return getStringFromWasm0(ptr3, len3);
            } finally {
                wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
            }
        }
        /**
         * The reply recipient of the kind of `newsroom`'s keys (`age1pq1…`
         * or `age1…`): replies are sealed to it and to the newsroom together.
         * @param {Newsroom} newsroom
         * @returns {string}
         */
        recipient(newsroom) {
            let deferred1_0;
            let deferred1_1;
            try {
                _assertClass(newsroom, Newsroom);
                const ret = wasm.codenamekeys_recipient(this.__wbg_ptr, newsroom.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
        /**
         * The login verifier, hex (a secret: sent only to the server).
         * @returns {string}
         */
        verifier() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.codenamekeys_verifier(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
    }
    if (Symbol.dispose) CodenameKeys.prototype[Symbol.dispose] = CodenameKeys.prototype.free;
    exports.CodenameKeys = CodenameKeys;

    /**
     * The newsroom, as its signed manifest says: the page encrypts to, proves
     * against and believes only this.
     */
    class Newsroom {
        static __wrap(ptr) {
            const obj = Object.create(Newsroom.prototype);
            obj.__wbg_ptr = ptr;
            NewsroomFinalization.register(obj, obj.__wbg_ptr, obj);
            return obj;
        }
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            this.__wbg_ptr = 0;
            NewsroomFinalization.unregister(this);
            return ptr;
        }
        free() {
            const ptr = this.__destroy_into_raw();
            wasm.__wbg_newsroom_free(ptr, 0);
        }
        /**
         * Refuses this manifest if it is older than `newest` (the summary's
         * `seen` the tab kept from an earlier load, JSON), or another of the
         * same date.
         * @param {string | null} [newest]
         */
        check_seen(newest) {
            var ptr0 = isLikeNone(newest) ? 0 : passStringToWasm0(newest, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len0 = WASM_VECTOR_LEN;
            const ret = wasm.newsroom_check_seen(this.__wbg_ptr, ptr0, len0);
            if (ret[1]) {
                throw takeFromExternrefTable0(ret[0]);
            }
        }
        /**
         * What the page shows of it (name, key, fingerprint, expiry), as JSON.
         * @returns {string}
         */
        summary_json() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.newsroom_summary_json(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
    }
    if (Symbol.dispose) Newsroom.prototype[Symbol.dispose] = Newsroom.prototype.free;
    exports.Newsroom = Newsroom;

    /**
     * A provenance proof with its secret opening, which never leaves the
     * WebAssembly memory: [`seal_with_proof`] seals it into the envelope.
     */
    class Proof {
        static __wrap(ptr) {
            const obj = Object.create(Proof.prototype);
            obj.__wbg_ptr = ptr;
            ProofFinalization.register(obj, obj.__wbg_ptr, obj);
            return obj;
        }
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            this.__wbg_ptr = 0;
            ProofFinalization.unregister(this);
            return ptr;
        }
        free() {
            const ptr = this.__destroy_into_raw();
            wasm.__wbg_proof_free(ptr, 0);
        }
        /**
         * The proof bundle's JSON, uploaded beside the envelope.
         * @returns {string}
         */
        bundle_json() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.proof_bundle_json(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
        /**
         * What the proof discloses, in words ("one of N devices").
         * @returns {string}
         */
        describe() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.proof_describe(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
    }
    if (Symbol.dispose) Proof.prototype[Symbol.dispose] = Proof.prototype.free;
    exports.Proof = Proof;

    /**
     * A proof under way in shares; its witness stays in WebAssembly memory
     * except for the scalars handed to the page's own workers.
     */
    class ProofJob {
        static __wrap(ptr) {
            const obj = Object.create(ProofJob.prototype);
            obj.__wbg_ptr = ptr;
            ProofJobFinalization.register(obj, obj.__wbg_ptr, obj);
            return obj;
        }
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            this.__wbg_ptr = 0;
            ProofJobFinalization.unregister(this);
            return ptr;
        }
        free() {
            const ptr = this.__destroy_into_raw();
            wasm.__wbg_proofjob_free(ptr, 0);
        }
        /**
         * Takes another worker's sums for a share.
         * @param {Uint8Array | number[]} partial
         */
        add(partial) {
            const ptr0 = passArray8ToWasm0(partial, wasm.__wbindgen_malloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.proofjob_add(this.__wbg_ptr, ptr0, len0);
            if (ret[1]) {
                throw takeFromExternrefTable0(ret[0]);
            }
        }
        /**
         * Computes share `index` in this worker.
         * @param {number} index
         */
        compute(index) {
            const ret = wasm.proofjob_compute(this.__wbg_ptr, index);
            if (ret[1]) {
                throw takeFromExternrefTable0(ret[0]);
            }
        }
        /**
         * The proof, checked; after a refusal the shares can be computed
         * here and this called again.
         * @returns {Proof}
         */
        finish() {
            const ret = wasm.proofjob_finish(this.__wbg_ptr);
            if (ret[2]) {
                throw takeFromExternrefTable0(ret[1]);
            }
            return Proof.__wrap(ret[0]);
        }
        /**
         * The shares still missing.
         * @returns {Uint32Array}
         */
        missing() {
            const ret = wasm.proofjob_missing(this.__wbg_ptr);
            var v1 = getArrayU32FromWasm0(ret[0], ret[1]).slice();
            wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
            return v1;
        }
        /**
         * Share `index`'s scalars, for another of the page's workers.
         * @param {number} index
         * @returns {Uint8Array}
         */
        scalars(index) {
            const ret = wasm.proofjob_scalars(this.__wbg_ptr, index);
            if (ret[3]) {
                throw takeFromExternrefTable0(ret[2]);
            }
            var v1 = getArrayU8FromWasm0(ret[0], ret[1]).slice();
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
            return v1;
        }
        /**
         * How many shares the proof is split into.
         * @returns {number}
         */
        shares() {
            const ret = wasm.proofjob_shares(this.__wbg_ptr);
            return ret >>> 0;
        }
    }
    if (Symbol.dispose) ProofJob.prototype[Symbol.dispose] = ProofJob.prototype.free;
    exports.ProofJob = ProofJob;

    /**
     * A worker's share of a proving key.
     */
    class ProvingShare {
        static __wrap(ptr) {
            const obj = Object.create(ProvingShare.prototype);
            obj.__wbg_ptr = ptr;
            ProvingShareFinalization.register(obj, obj.__wbg_ptr, obj);
            return obj;
        }
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            this.__wbg_ptr = 0;
            ProvingShareFinalization.unregister(this);
            return ptr;
        }
        free() {
            const ptr = this.__destroy_into_raw();
            wasm.__wbg_provingshare_free(ptr, 0);
        }
        /**
         * The sums for a share's scalars.
         * @param {Uint8Array | number[]} scalars
         * @returns {Uint8Array}
         */
        sum(scalars) {
            const ptr0 = passArray8ToWasm0(scalars, wasm.__wbindgen_malloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.provingshare_sum(this.__wbg_ptr, ptr0, len0);
            if (ret[3]) {
                throw takeFromExternrefTable0(ret[2]);
            }
            var v2 = getArrayU8FromWasm0(ret[0], ret[1]).slice();
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
            return v2;
        }
    }
    if (Symbol.dispose) ProvingShare.prototype[Symbol.dispose] = ProvingShare.prototype.free;
    exports.ProvingShare = ProvingShare;

    /**
     * An envelope made in the browser.
     */
    class Sealed {
        static __wrap(ptr) {
            const obj = Object.create(Sealed.prototype);
            obj.__wbg_ptr = ptr;
            SealedFinalization.register(obj, obj.__wbg_ptr, obj);
            return obj;
        }
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            this.__wbg_ptr = 0;
            SealedFinalization.unregister(this);
            return ptr;
        }
        free() {
            const ptr = this.__destroy_into_raw();
            wasm.__wbg_sealed_free(ptr, 0);
        }
        /**
         * The commitment `C`, `0x…`.
         * @returns {string}
         */
        commitment() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.sealed_commitment(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
        /**
         * The strip report as JSON.
         * @returns {string}
         */
        report_json() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.sealed_report_json(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
        /**
         * The envelope's bytes (a `Uint8Array`); a second call returns nothing.
         * @returns {Uint8Array}
         */
        take_envelope() {
            const ret = wasm.sealed_take_envelope(this.__wbg_ptr);
            var v1 = getArrayU8FromWasm0(ret[0], ret[1]).slice();
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
            return v1;
        }
    }
    if (Symbol.dispose) Sealed.prototype[Symbol.dispose] = Sealed.prototype.free;
    exports.Sealed = Sealed;

    /**
     * Stretches a typed codename under the server's salt (hex).
     * @param {string} codename
     * @param {string} salt
     * @returns {CodenameKeys}
     */
    function derive_codename(codename, salt) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(codename, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(salt, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.derive_codename(ptr0, len0, ptr1, len1);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return CodenameKeys.__wrap(ret[0]);
    }
    exports.derive_codename = derive_codename;

    /**
     * The proving key file in a compact proving key (the form the page
     * fetches: curve points compressed, no matrices), for [`prove_start`] and
     * [`proving_share`]; refused unless it is one.
     * @param {Uint8Array | number[]} compact
     * @returns {Uint8Array}
     */
    function expand_proving_key(compact) {
        const ptr0 = passArray8ToWasm0(compact, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.expand_proving_key(ptr0, len0);
        if (ret[3]) {
            throw takeFromExternrefTable0(ret[2]);
        }
        var v2 = getArrayU8FromWasm0(ret[0], ret[1]).slice();
        wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        return v2;
    }
    exports.expand_proving_key = expand_proving_key;

    /**
     * What sealing the file would remove and what risks remain, and whether
     * it carries a capture attestation ([`client::inspect`]), reading the file
     * a slice at a time.
     * @param {any} source
     * @param {string} name
     * @param {string | null} [sidecar]
     * @returns {string}
     */
    function inspect_file(source, name, sidecar) {
        let deferred4_0;
        let deferred4_1;
        try {
            let ptr0, len0, ptr1, len1;
            try {
                ptr0 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len0 = WASM_VECTOR_LEN;
                ptr1 = isLikeNone(sidecar) ? 0 : passStringToWasm0(sidecar, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len1 = WASM_VECTOR_LEN;
            } catch (e) {
                if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
                if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
                throw e;
            }
            const ret = wasm.inspect_file(source, ptr0, len0, ptr1, len1);
            var ptr3 = ret[0];
            var len3 = ret[1];
            if (ret[3]) {
                ptr3 = 0; len3 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred4_0 = ptr3;
            deferred4_1 = len3;
            return getStringFromWasm0(ptr3, len3);
        } finally {
            wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
        }
    }
    exports.inspect_file = inspect_file;

    /**
     * The WebAssembly memory this client holds, in bytes (it only grows).
     * @returns {number}
     */
    function memory_bytes() {
        const ret = wasm.memory_bytes();
        return ret;
    }
    exports.memory_bytes = memory_bytes;

    /**
     * A new codename: seven words from the EFF long list, about 90 bits.
     * @returns {string}
     */
    function new_codename() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.new_codename();
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    exports.new_codename = new_codename;

    /**
     * Checks the server's signed manifest (`manifest` bytes, `signature`
     * text) at `now` (Unix seconds) with the key the source pasted, if any
     * (else the key the manifest names, whose fingerprint the page shows),
     * and that the served `config` (JSON), the page's `host` and the code it
     * runs (`loaded`, JSON: the WebAssembly hash and script integrity values)
     * agree with it.
     * @param {Uint8Array | number[]} manifest
     * @param {string} signature
     * @param {number} now
     * @param {string | null | undefined} pinned
     * @param {string} config
     * @param {string} host
     * @param {string} loaded
     * @returns {Newsroom}
     */
    function newsroom(manifest, signature, now, pinned, config, host, loaded) {
        const val7 = +now;
        let ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5;
        try {
            ptr0 = passArray8ToWasm0(manifest, wasm.__wbindgen_malloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(signature, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = isLikeNone(pinned) ? 0 : passStringToWasm0(pinned, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len2 = WASM_VECTOR_LEN;
            ptr3 = passStringToWasm0(config, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len3 = WASM_VECTOR_LEN;
            ptr4 = passStringToWasm0(host, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len4 = WASM_VECTOR_LEN;
            ptr5 = passStringToWasm0(loaded, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len5 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr5) { wasm.__wbindgen_free(ptr5, len5 * 1, 1); }
            if (ptr4) { wasm.__wbindgen_free(ptr4, len4 * 1, 1); }
            if (ptr3) { wasm.__wbindgen_free(ptr3, len3 * 1, 1); }
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 1, 1); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.newsroom(ptr0, len0, ptr1, len1, val7, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return Newsroom.__wrap(ret[0]);
    }
    exports.newsroom = newsroom;

    /**
     * Tries `tries` nonces from `start` on a busy drop box's proof-of-work
     * challenge (`GET /api/v1/pow`, as JSON); the `Darkroom-PoW` header's
     * value if one of them solves it. The worker calls it in slices, to show
     * progress.
     * @param {string} challenge
     * @param {number} start
     * @param {number} tries
     * @returns {string | undefined}
     */
    function pow_search(challenge, start, tries) {
        const val2 = +start;
        const val3 = +tries;
        const ptr0 = passStringToWasm0(challenge, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.pow_search(ptr0, len0, val2, val3);
        if (ret[3]) {
            throw takeFromExternrefTable0(ret[2]);
        }
        let v4;
        if (ret[0] !== 0) {
            v4 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v4;
    }
    exports.pow_search = pow_search;

    /**
     * Starts a proof of `bytes`' provenance ([`client::start_proof`]), split into `shares` shares of its
     * multi-scalar multiplications for the page's workers; the worker then
     * hands each share's scalars to another worker (or computes it with
     * [`ProofJob::compute`]), adds their sums and finishes.
     * @param {Uint8Array | number[]} bytes
     * @param {string} name
     * @param {string | null | undefined} sidecar
     * @param {string[]} registries
     * @param {Uint8Array | number[]} proving_key
     * @param {Newsroom} newsroom
     * @param {string} window
     * @param {string} region
     * @param {number} shares
     * @returns {ProofJob}
     */
    function prove_start(bytes, name, sidecar, registries, proving_key, newsroom, window, region, shares) {
        _assertClass(newsroom, Newsroom);
        const val8 = +shares;
        let ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5, ptr6, len6;
        try {
            ptr0 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = isLikeNone(sidecar) ? 0 : passStringToWasm0(sidecar, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len2 = WASM_VECTOR_LEN;
            ptr3 = passArrayJsValueToWasm0(registries, wasm.__wbindgen_malloc);
            len3 = WASM_VECTOR_LEN;
            ptr4 = passArray8ToWasm0(proving_key, wasm.__wbindgen_malloc);
            len4 = WASM_VECTOR_LEN;
            ptr5 = passStringToWasm0(window, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len5 = WASM_VECTOR_LEN;
            ptr6 = passStringToWasm0(region, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len6 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr6) { wasm.__wbindgen_free(ptr6, len6 * 1, 1); }
            if (ptr5) { wasm.__wbindgen_free(ptr5, len5 * 1, 1); }
            if (ptr4) { wasm.__wbindgen_free(ptr4, len4 * 1, 1); }
            if (ptr3) { wasm.__externref_drop_slice(ptr3, len3); wasm.__wbindgen_free(ptr3, len3 * 4, 4); }
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 1, 1); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.prove_start(ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, newsroom.__wbg_ptr, ptr5, len5, ptr6, len6, val8);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ProofJob.__wrap(ret[0]);
    }
    exports.prove_start = prove_start;

    /**
     * Another worker's share `index` of `of` of a proving key file.
     * @param {Uint8Array | number[]} proving_key
     * @param {number} index
     * @param {number} of
     * @returns {ProvingShare}
     */
    function proving_share(proving_key, index, of) {
        const val2 = +index;
        const val3 = +of;
        const ptr0 = passArray8ToWasm0(proving_key, wasm.__wbindgen_malloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.proving_share(ptr0, len0, val2, val3);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ProvingShare.__wrap(ret[0]);
    }
    exports.proving_share = proving_share;

    /**
     * As [`seal_with_proof`], reading the file a slice at a time and handing the
     * envelope to `sink` as it is made (4 MiB at a time): neither is ever
     * whole in memory, whatever the file's size. The returned [`Sealed`] has
     * no envelope of its own.
     * @param {any} source
     * @param {string} name
     * @param {Newsroom} newsroom
     * @param {string | null | undefined} message
     * @param {string | null | undefined} reply_recipient
     * @param {boolean} send_as_is
     * @param {boolean} keep_credentials
     * @param {any} sink
     * @returns {Sealed}
     */
    function seal_file(source, name, newsroom, message, reply_recipient, send_as_is, keep_credentials, sink) {
        _assertClass(newsroom, Newsroom);
        const val4 = +send_as_is;
        const val5 = +keep_credentials;
        let ptr0, len0, ptr1, len1, ptr2, len2;
        try {
            ptr0 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = isLikeNone(message) ? 0 : passStringToWasm0(message, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = isLikeNone(reply_recipient) ? 0 : passStringToWasm0(reply_recipient, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len2 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 1, 1); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.seal_file(source, ptr0, len0, newsroom.__wbg_ptr, ptr1, len1, ptr2, len2, val4, val5, sink);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return Sealed.__wrap(ret[0]);
    }
    exports.seal_file = seal_file;

    /**
     * Strips `bytes` and seals it to the recipients `newsroom` signed
     * ([`client::seal`]), with the opening of `proof`, if any (made for these same bytes)
     * inside the envelope, so the newsroom can match the file to the proof.
     * @param {Uint8Array | number[]} bytes
     * @param {string} name
     * @param {Newsroom} newsroom
     * @param {string | null | undefined} message
     * @param {string | null | undefined} reply_recipient
     * @param {boolean} send_as_is
     * @param {boolean} keep_credentials
     * @param {Proof} proof
     * @returns {Sealed}
     */
    function seal_with_proof(bytes, name, newsroom, message, reply_recipient, send_as_is, keep_credentials, proof) {
        _assertClass(newsroom, Newsroom);
        _assertClass(proof, Proof);
        const val5 = +send_as_is;
        const val6 = +keep_credentials;
        let ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3;
        try {
            ptr0 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = isLikeNone(message) ? 0 : passStringToWasm0(message, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len2 = WASM_VECTOR_LEN;
            ptr3 = isLikeNone(reply_recipient) ? 0 : passStringToWasm0(reply_recipient, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len3 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr3) { wasm.__wbindgen_free(ptr3, len3 * 1, 1); }
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 1, 1); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.seal_with_proof(ptr0, len0, ptr1, len1, newsroom.__wbg_ptr, ptr2, len2, ptr3, len3, val5, val6, proof.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return Sealed.__wrap(ret[0]);
    }
    exports.seal_with_proof = seal_with_proof;

    /**
     * Checks a published photo against its publication bundle, trusting the
     * registries of the newsroom's manifest (signed by `key`) and its
     * verifying key `vk`; the verdict as JSON ([`verify::publication`]).
     * @param {Uint8Array | number[]} manifest
     * @param {string} signature
     * @param {string} key
     * @param {number} now
     * @param {Uint8Array | number[]} vk
     * @param {string} bundle
     * @param {Uint8Array | number[]} image
     * @returns {string}
     */
    function verify_publication(manifest, signature, key, now, vk, bundle, image) {
        let deferred9_0;
        let deferred9_1;
        try {
            const val7 = +now;
            let ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5;
            try {
                ptr0 = passArray8ToWasm0(manifest, wasm.__wbindgen_malloc);
                len0 = WASM_VECTOR_LEN;
                ptr1 = passStringToWasm0(signature, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len1 = WASM_VECTOR_LEN;
                ptr2 = passStringToWasm0(key, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len2 = WASM_VECTOR_LEN;
                ptr3 = passArray8ToWasm0(vk, wasm.__wbindgen_malloc);
                len3 = WASM_VECTOR_LEN;
                ptr4 = passStringToWasm0(bundle, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len4 = WASM_VECTOR_LEN;
                ptr5 = passArray8ToWasm0(image, wasm.__wbindgen_malloc);
                len5 = WASM_VECTOR_LEN;
            } catch (e) {
                if (ptr5) { wasm.__wbindgen_free(ptr5, len5 * 1, 1); }
                if (ptr4) { wasm.__wbindgen_free(ptr4, len4 * 1, 1); }
                if (ptr3) { wasm.__wbindgen_free(ptr3, len3 * 1, 1); }
                if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 1, 1); }
                if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
                if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
                throw e;
            }
            const ret = wasm.verify_publication(ptr0, len0, ptr1, len1, ptr2, len2, val7, ptr3, len3, ptr4, len4, ptr5, len5);
            var ptr8 = ret[0];
            var len8 = ret[1];
            if (ret[3]) {
                ptr8 = 0; len8 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred9_0 = ptr8;
            deferred9_1 = len8;
            return getStringFromWasm0(ptr8, len8);
        } finally {
            wasm.__wbindgen_free(deferred9_0, deferred9_1, 1);
        }
    }
    exports.verify_publication = verify_publication;

    /**
     * The bundle's version and the statement it proves, for the page footer.
     * @returns {string}
     */
    function version() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.version();
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    exports.version = version;

    /**
     * Runs the prover's hot code on a few points, so that the engine has
     * optimised it before a proof (a helper does it when it starts, the
     * worker when a provable file is chosen); whether the sums came out right.
     * @returns {boolean}
     */
    function warm_up() {
        const ret = wasm.warm_up();
        return ret !== 0;
    }
    exports.warm_up = warm_up;
    function __wbg_get_imports() {
        const import0 = {
            __proto__: null,
            __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
                const ret = Error(getStringFromWasm0(arg0, arg1));
                return ret;
            },
            __wbg___wbindgen_is_function_741ff2bb612836f5: function(arg0) {
                const ret = typeof(arg0) === 'function';
                return ret;
            },
            __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
                const val = arg0;
                const ret = typeof(val) === 'object' && val !== null;
                return ret;
            },
            __wbg___wbindgen_is_string_fc456fee5d3317de: function(arg0) {
                const ret = typeof(arg0) === 'string';
                return ret;
            },
            __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
                const ret = arg0 === undefined;
                return ret;
            },
            __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
                const obj = arg1;
                const ret = typeof(obj) === 'string' ? obj : undefined;
                var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                var len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
                throw new Error(getStringFromWasm0(arg0, arg1));
            },
            __wbg_call_a410eb4b59ed5965: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.call(arg1, arg2);
                return ret;
            }, arguments); },
            __wbg_crypto_23f565a907d30078: function(arg0) {
                const ret = arg0.crypto;
                return ret;
            },
            __wbg_getRandomValues_8b6f1f663e6f188d: function() { return handleError(function (arg0, arg1) {
                globalThis.crypto.getRandomValues(getArrayU8FromWasm0(arg0, arg1));
            }, arguments); },
            __wbg_getRandomValues_d2908e0b99612b91: function() { return handleError(function (arg0, arg1) {
                arg0.getRandomValues(arg1);
            }, arguments); },
            __wbg_length_186163212ffe79c3: function(arg0) {
                const ret = arg0.length;
                return ret;
            },
            __wbg_msCrypto_d5f06fad6bf1409b: function(arg0) {
                const ret = arg0.msCrypto;
                return ret;
            },
            __wbg_new_with_length_01b143a7e5dd5a3e: function(arg0) {
                const ret = new Uint8Array(arg0 >>> 0);
                return ret;
            },
            __wbg_node_86166ff8ce1f2002: function(arg0) {
                const ret = arg0.node;
                return ret;
            },
            __wbg_process_91f425a63f58e399: function(arg0) {
                const ret = arg0.process;
                return ret;
            },
            __wbg_prototypesetcall_13162965d1fe7aa3: function(arg0, arg1, arg2) {
                Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), arg2);
            },
            __wbg_randomFillSync_34b023059e3363de: function() { return handleError(function (arg0, arg1) {
                arg0.randomFillSync(arg1);
            }, arguments); },
            __wbg_read_bbe63e6b905b34e0: function(arg0, arg1, arg2, arg3) {
                const ret = arg1.read(arg2, arg3 >>> 0);
                const ptr1 = passArray8ToWasm0(ret, wasm.__wbindgen_malloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbg_require_9a7d8cc2e1d275c0: function() { return handleError(function () {
                const ret = module.require;
                return ret;
            }, arguments); },
            __wbg_size_6b9adf648d47bcc5: function(arg0) {
                const ret = arg0.size;
                return ret;
            },
            __wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc: function() {
                const ret = typeof globalThis === 'undefined' ? undefined : globalThis;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_static_accessor_GLOBAL_e4293fb22cbe77da: function() {
                const ret = typeof global === 'undefined' ? undefined : global;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_static_accessor_SELF_53bb20457401453d: function() {
                const ret = typeof self === 'undefined' ? undefined : self;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_static_accessor_WINDOW_b5e0810bfecb7feb: function() {
                const ret = typeof window === 'undefined' ? undefined : window;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_subarray_58f388a9247ac0bb: function(arg0, arg1, arg2) {
                const ret = arg0.subarray(arg1 >>> 0, arg2 >>> 0);
                return ret;
            },
            __wbg_versions_6e128a981b0df859: function(arg0) {
                const ret = arg0.versions;
                return ret;
            },
            __wbg_write_e946790d4d9c6c24: function(arg0, arg1, arg2) {
                arg0.write(getArrayU8FromWasm0(arg1, arg2));
            },
            __wbindgen_generic_0000000000000001: function(arg0, arg1) {
                // Cast intrinsic for `Ref(Slice(U8)) -> NamedExternref("Uint8Array")`.
                const ret = getArrayU8FromWasm0(arg0, arg1);
                return ret;
            },
            __wbindgen_generic_0000000000000002: function(arg0, arg1) {
                // Cast intrinsic for `Ref(String) -> Externref`.
                const ret = getStringFromWasm0(arg0, arg1);
                return ret;
            },
            __wbindgen_init_externref_table: function() {
                const table = wasm.__wbindgen_externrefs;
                table.set(0, undefined);
                table.set(1024, undefined);
                table.set(1025, null);
                table.set(1026, true);
                table.set(1027, false);
            },
        };
        return {
            __proto__: null,
            "./darkroom_web_bg.js": import0,
        };
    }

    const CodenameKeysFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_codenamekeys_free(ptr, 1));
    const NewsroomFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_newsroom_free(ptr, 1));
    const ProofFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_proof_free(ptr, 1));
    const ProofJobFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_proofjob_free(ptr, 1));
    const ProvingShareFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_provingshare_free(ptr, 1));
    const SealedFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_sealed_free(ptr, 1));

    function addToExternrefTable0(obj) {
        const idx = wasm.__externref_table_alloc();
        wasm.__wbindgen_externrefs.set(idx, obj);
        return idx;
    }

    function _assertClass(instance, klass) {
        if (!(instance instanceof klass)) {
            throw new Error(`expected instance of ${klass.name}`);
        }
    }

    function getArrayU32FromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return getUint32ArrayMemory0().subarray(ptr / 4, ptr / 4 + len);
    }

    function getArrayU8FromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
    }

    let cachedDataViewMemory0 = null;
    function getDataViewMemory0() {
        if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
            cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
        }
        return cachedDataViewMemory0;
    }

    function getStringFromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
    }

    let cachedUint32ArrayMemory0 = null;
    function getUint32ArrayMemory0() {
        if (cachedUint32ArrayMemory0 === null || cachedUint32ArrayMemory0.byteLength === 0) {
            cachedUint32ArrayMemory0 = new Uint32Array(wasm.memory.buffer);
        }
        return cachedUint32ArrayMemory0;
    }

    let cachedUint8ArrayMemory0 = null;
    function getUint8ArrayMemory0() {
        if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
            cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
        }
        return cachedUint8ArrayMemory0;
    }

    function handleError(f, args) {
        try {
            return f.apply(this, args);
        } catch (e) {
            const idx = addToExternrefTable0(e);
            wasm.__wbindgen_exn_store(idx);
        }
    }

    function isLikeNone(x) {
        return x === undefined || x === null;
    }

    function passArray32ToWasm0(arg, malloc) {
        const ptr = malloc(arg.length * 4, 4) >>> 0;
        getUint32ArrayMemory0().set(arg, ptr / 4);
        WASM_VECTOR_LEN = arg.length;
        return ptr;
    }

    function passArray8ToWasm0(arg, malloc) {
        const ptr = malloc(arg.length * 1, 1) >>> 0;
        getUint8ArrayMemory0().set(arg, ptr / 1);
        WASM_VECTOR_LEN = arg.length;
        return ptr;
    }

    function passArrayJsValueToWasm0(array, malloc) {
        const ptr = malloc(array.length * 4, 4) >>> 0;
        for (let i = 0; i < array.length; i++) {
            const add = addToExternrefTable0(array[i]);
            getDataViewMemory0().setUint32(ptr + 4 * i, add, true);
        }
        WASM_VECTOR_LEN = array.length;
        return ptr;
    }

    function passStringToWasm0(arg, malloc, realloc) {
        if (realloc === undefined) {
            const buf = cachedTextEncoder.encode(arg);
            const ptr = malloc(buf.length, 1) >>> 0;
            getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
            WASM_VECTOR_LEN = buf.length;
            return ptr;
        }

        let len = arg.length;
        let ptr = malloc(len, 1) >>> 0;

        const mem = getUint8ArrayMemory0();

        let offset = 0;

        for (; offset < len; offset++) {
            const code = arg.charCodeAt(offset);
            if (code > 0x7F) break;
            mem[ptr + offset] = code;
        }
        if (offset !== len) {
            if (offset !== 0) {
                arg = arg.slice(offset);
            }
            ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
            const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
            const ret = cachedTextEncoder.encodeInto(arg, view);

            offset += ret.written;
            ptr = realloc(ptr, len, offset, 1) >>> 0;
        }

        WASM_VECTOR_LEN = offset;
        return ptr;
    }

    function takeFromExternrefTable0(idx) {
        const value = wasm.__wbindgen_externrefs.get(idx);
        wasm.__externref_table_dealloc(idx);
        return value;
    }

    let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
    cachedTextDecoder.decode();
    function decodeText(bytes) {
        return cachedTextDecoder.decode(bytes);
    }

    const cachedTextEncoder = new TextEncoder();

    if (!('encodeInto' in cachedTextEncoder)) {
        cachedTextEncoder.encodeInto = function (arg, view) {
            const buf = cachedTextEncoder.encode(arg);
            view.set(buf);
            return {
                read: arg.length,
                written: buf.length
            };
        };
    }

    let WASM_VECTOR_LEN = 0;

    let wasmModule, wasmInstance, wasm;
    function __wbg_finalize_init(instance, module) {
        wasmInstance = instance;
        wasm = instance.exports;
        wasmModule = module;
        cachedDataViewMemory0 = null;
        cachedUint32ArrayMemory0 = null;
        cachedUint8ArrayMemory0 = null;
        wasm.__wbindgen_start();
        return wasm;
    }

    async function __wbg_load(module, imports) {
        if (typeof Response === 'function' && module instanceof Response) {
            if (!module.ok) {
                throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
            }

            if (typeof WebAssembly.instantiateStreaming === 'function') {
                try {
                    return await WebAssembly.instantiateStreaming(module, imports);
                } catch (e) {
                    const validResponse = expectedResponseType(module.type);

                    if (validResponse && module.headers.get('Content-Type') !== 'application/wasm') {
                        console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);

                    } else { throw e; }
                }
            }

            const bytes = await module.arrayBuffer();
            return await WebAssembly.instantiate(bytes, imports);
        } else {
            const instance = await WebAssembly.instantiate(module, imports);

            if (instance instanceof WebAssembly.Instance) {
                return { instance, module };
            } else {
                return instance;
            }
        }

        function expectedResponseType(type) {
            switch (type) {
                case 'basic': case 'cors': case 'default': return true;
            }
            return false;
        }
    }

    function initSync(module) {
        if (wasm !== undefined) return wasm;


        if (module !== undefined) {
            if (Object.getPrototypeOf(module) === Object.prototype) {
                ({module} = module)
            } else {
                console.warn('using deprecated parameters for `initSync()`; pass a single object instead')
            }
        }

        const imports = __wbg_get_imports();
        if (!(module instanceof WebAssembly.Module)) {
            module = new WebAssembly.Module(module);
        }
        const instance = new WebAssembly.Instance(module, imports);
        return __wbg_finalize_init(instance, module);
    }

    let __wbg_init_promise;
    async function __wbg_init(module_or_path) {
        if (wasm !== undefined) return wasm;
        if (__wbg_init_promise === undefined) {
            __wbg_init_promise = __wbg_init_once(module_or_path);
            __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
        }
        return __wbg_init_promise;
    }

    async function __wbg_init_once(module_or_path) {

        if (module_or_path !== undefined) {
            if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
                ({module_or_path} = module_or_path)
            } else {
                console.warn('using deprecated parameters for the initialization function; pass a single object instead')
            }
        }


        const imports = __wbg_get_imports();

        if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
            module_or_path = fetch(module_or_path);
        }

        const { instance, module } = await __wbg_load(await module_or_path, imports);

        return __wbg_finalize_init(instance, module);
    }

    return Object.assign(__wbg_init, { initSync }, exports);
})({ __proto__: null });
