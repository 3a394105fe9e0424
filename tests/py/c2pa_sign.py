"""Signs a file with Content Credentials (C2PA) using the c2pa-python
package (the Content Authenticity Initiative's own SDK), for the strip
tests: python3 c2pa_sign.py IN OUT MIME CHAIN.pem KEY.pk8, or
python3 c2pa_sign.py --read FILE MIME to print the manifest store's
validation state (exit 2 when the file has none)."""

import json
import sys

import c2pa


def sign(src_path, dst_path, mime, chain_path, key_path):
    with open(chain_path, "rb") as f:
        chain = f.read()
    with open(key_path, "rb") as f:
        key = f.read()
    info = c2pa.C2paSignerInfo(alg=b"es256", sign_cert=chain, private_key=key, ta_url=None)
    signer = c2pa.Signer.from_info(info)
    manifest = {
        "claim_generator_info": [{"name": "darkroom-test-camera", "version": "1.0"}],
        "title": "capture",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.created",
                            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
                        }
                    ]
                },
            }
        ],
    }
    builder = c2pa.Builder(json.dumps(manifest))
    with open(src_path, "rb") as src, open(dst_path, "w+b") as dst:
        builder.sign(signer, mime, src, dst)


def read(path, mime):
    try:
        with open(path, "rb") as f:
            reader = c2pa.Reader(mime, f)
            store = json.loads(reader.json())
    except Exception as e:  # the SDK raises when there is no manifest store
        print(f"no manifest store: {e}")
        sys.exit(2)
    print(store.get("validation_state"))


if __name__ == "__main__":
    if sys.argv[1] == "--read":
        read(sys.argv[2], sys.argv[3])
    else:
        sign(*sys.argv[1:6])
