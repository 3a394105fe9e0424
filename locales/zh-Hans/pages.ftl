### Darkroom 的页面，简体中文。
###
### Review: draft translation, not yet reviewed by a native speaker.
###
### Translated from locales/en/pages.ftl; see docs/translating.md.

## Every page

site-tag = 安全投递箱
site-demo = 演示：此服务器使用在本机生成的演示密钥运行。请勿提交任何真实内容。
nav-label = 主菜单
nav-submit = 提交
nav-inbox = 回复
nav-verify = 验证证明
lang-label = 语言
site-footer = Darkroom：文件用编辑部的密钥加密；此服务器不保存任何它能读取的内容。

## The landing page

landing-heading = 安全地向 { $newsroom } 发送照片或文件
landing-intro =
    在这里发送的文件在保存之前会用编辑部的密钥加密。
    此服务器没有任何能打开它们的密钥，不记录您是谁
    （没有 IP 地址，没有浏览器信息），只保存文件到达的日期。
    提交的内容大约 { $days } 天后会被自动删除。
landing-before = 开始之前
landing-tor = 请使用 <strong>Tor 浏览器</strong>，并在与您的工作无关的设备和网络上操作。
landing-metadata = 照片带有隐藏信息（GPS 位置、相机序列号、作者）。Darkroom 会删除这些信息，但照片的内容本身仍可能暴露您的身份或位置。
landing-ways = 发送方式
landing-way-page = <strong><a href="/submit">提交页面</a></strong>，需开启 JavaScript（Tor 浏览器的“标准”或“更安全”级别）：您的文件在浏览器中被清理并加密；在可以运行 WebAssembly 的地方（“标准”），带签名的照片还可以附上证明，表明它是未经改动的拍摄。此服务器只收到加密的信封。
landing-way-cli = <strong><code>darkroom</code> 命令行工具</strong>，无需浏览器即可在您自己的设备上完成同样的操作，并用您提供的密钥核对编辑部签名的清单：
landing-way-form = <strong><a href="/submit">提交页面</a>上的简易表单</strong>，在关闭 JavaScript 时也能使用（Tor 浏览器的“最安全”级别）。<em>这种方式所依赖的信任：</em>您的文件在加密<strong>之前</strong>就经由您的（Tor）连接到达此服务器。服务器在内存中清理并加密它，从不写入磁盘，但您必须相信此服务器运行的是 Darkroom 公布的代码，且未被篡改。如果这需要的信任太多，请使用前两种方式之一。
landing-way-form-off = 由此服务器加密文件的简易表单在这里已关闭：只接受在您自己的设备上加密的文件。
landing-code = 您的浏览器运行的代码
landing-code-intro = 提交页面使用 Darkroom 的 WebAssembly 客户端加密；在 WebAssembly 关闭的地方，使用翻译成 JavaScript 的同一客户端。任何人都可以从源代码逐字节地重新构建这两者（<code>scripts/build-web --check</code>）。此服务器发送的是：
landing-code-bundle = 客户端包（其 <a href="/static/client/SHA256SUMS">SHA256SUMS</a> 的 SHA-256）
landing-code-wasm = WebAssembly 客户端（SHA-256）
landing-code-js = JavaScript 客户端（子资源完整性）
landing-code-verify-js = JavaScript 发布内容检查器（子资源完整性）
landing-code-script = 页面脚本（子资源完整性）
landing-code-compare = 请将它们与该编辑部所称运行的 Darkroom 版本的 README 进行比对。
landing-key = 编辑部的密钥
landing-key-intro = { $newsroom } 用其签名密钥为您的客户端所信任的内容签名（用于加密的密钥、用于证明的相机登记表、本页面运行的代码），此服务器并不持有该签名密钥。您的客户端在发送任何内容之前都会检查这个签名。<strong>请将此密钥与 { $newsroom } 在其他地方公布的密钥进行比对</strong>（其网站、印刷品、名录）：如果此服务器向您显示的是另一个密钥，这项检查就证明不了任何东西。
landing-key-signing = 编辑部签名密钥
landing-key-words = 它的指纹（以单词表示）
landing-key-cli = 使用命令行工具时，只需提供一次：
landing-key-none = 此服务器没有公布经签名的编辑部清单，因此您的客户端无从核对其密钥。
landing-recipients = 信封被密封给以下 age 接收者，{ $protection }：
protection-hybrid = 混合后量子密钥（ML-KEM-768 与 X25519）
protection-classical = 传统密钥（仅 X25519，无法抵御未来的量子计算机）

## The submit page

submit-title = 提交
submit-heading = 提交文件
submit-loading = 正在加载在本设备上加密您文件的代码…
submit-newsroom = 本页面只使用 <strong class="newsroom-name"></strong> 用其编辑部密钥 <code class="newsroom-key"></code>（以单词表示为 <strong class="newsroom-fingerprint"></strong>，有效期至 <span class="newsroom-expires"></span>）签名的密钥进行加密。<strong>请与 <span class="newsroom-name"></span> 公布的内容进行比对</strong>（其网站、印刷品）：如果不一致，请不要发送任何内容。
submit-sealed-to = 文件被密封给其<strong class="newsroom-protection"></strong>。此标签页会记住它检查过的清单签发于 <span class="newsroom-issued"></span>，在您关闭标签页之前会拒绝更旧的清单。
submit-demo = 这是一个使用演示密钥的演示编辑部：请勿发送任何真实内容。
submit-paste-key = 如需在此核对，请粘贴编辑部公布的密钥（可选）
submit-key-checked = 您粘贴的密钥签署了该编辑部的清单。
submit-here = 在发送任何内容之前，您的文件会<strong>在这里、在您的浏览器中</strong>清除隐藏的元数据并加密。此服务器只收到它无法打开的信封。
submit-js-note = 此浏览器中 WebAssembly 已关闭（在 Tor 浏览器中，“更安全”安全级别会关闭它），因此本页面运行翻译成 JavaScript 的同一加密代码。速度较慢，但您的文件离开本设备时仍然只是加密后的。这里不会制作证明照片为未经改动拍摄的证明。
submit-files = 文件（每个最多 { $mib } MiB；可以一次选择多个）
submit-proof-js = 这里的照片由拍摄设备签名，因此可以附上未经改动的证明，但没有 WebAssembly 就不会制作证明：那会耗时太久。如需附上证明，请在“标准”安全级别的 Tor 浏览器中发送，或者在您自己的设备上用 <code>darkroom prove</code> 制作证明，再用 <code>darkroom submit</code> 发送。即使没有证明，照片仍会在这里被清理并加密。
submit-proof-legend = 照片为未经改动拍摄的证明（可选）
submit-proof-intro = 由该编辑部信任的相机签名的照片，可以附上一个零知识证明，表明它自拍摄以来未被改动。该证明既不显示照片，也不显示相机：只显示您在这里选择的时间和地点。
submit-proof-on = 为带签名的照片附上证明
submit-proof-window = 证明显示的时间
submit-window-day = 拍摄当天
submit-window-month = 仅月份
submit-window-year = 仅年份
submit-window-none = 不显示任何时间信息
submit-proof-region = 证明显示的地点
submit-region-none = 不显示任何地点信息
submit-region-1 = 周围 1° 的方块（约 100 公里）
submit-region-10 = 周围 10° 的方块（约 1000 公里）
submit-region-30 = 周围 30° 的方块
submit-codename-legend = 回复（可选）
submit-codename-on = 获取一个代号，以便编辑部回复我
submit-codename-shown = 您的代号，只显示这一次：
submit-codename-keep = 凭它您可以在<a href="/inbox">回复</a>页面阅读编辑部的回复。任何拥有它的人也都能阅读，且没有人能替您找回它。请把它写在纸上并妥善保管；不要保存在此浏览器或此设备上。
submit-message = 给编辑部的留言（可选；会与您的文件一起加密）
submit-send = 加密并发送
submit-received = 已收到
submit-receipts = 每个文件都已保存，并用编辑部的密钥加密。保留这些回执是可选的；如果被人发现，它们可能把您与您的提交联系起来。
submit-client = 客户端：<span id="client-version"></span>，SHA-256 <code>{ $sha256 }</code>。
submit-unavailable = 您的浏览器无法在此页面上加密文件。
submit-you-can = 您可以：
submit-use-cli = 使用<strong>命令行工具</strong>，它在您自己的设备上加密：
submit-use-form = 使用<strong>下方表单</strong>，由此服务器加密您的文件（请阅读这需要怎样的信任）；
submit-use-standard = 或者在 Tor 浏览器中将安全级别设为“标准”（在您改回之前，它对所有网站都有效）。
submit-plain-newsroom = 此投递箱属于 <strong>{ $newsroom }</strong>，其编辑部密钥为 <code>{ $key }</code>，以单词表示为 <strong>{ $words }</strong>。<strong>请与 { $newsroom } 公布的内容进行比对</strong>（其网站、印刷品）：如果不一致，请不要发送任何内容。没有 JavaScript 时，本页面无法自行检查编辑部的签名；它显示的是服务器从编辑部签名清单中读取的内容。
submit-plain-keep = 要让文件在加密之前一直留在您自己的设备上：请在 Tor 浏览器中选择<strong>“更安全”</strong>安全级别（本页面随后会在您的浏览器中加密，使用 JavaScript 但不使用 WebAssembly），或者使用同样会检查编辑部签名的命令行工具：
submit-plain-trust = 此表单无需 JavaScript 即可使用。<strong>您的文件在加密之前就会到达此服务器：</strong>服务器删除其元数据，在内存中用编辑部的密钥将其密封，且从不写入磁盘。
submit-plain-message = 给编辑部的留言（可选）
submit-plain-file = 文件（最多 { $mib } MiB）
submit-plain-as-is = 如果 Darkroom 无法删除其元数据（例如 PDF、视频或办公文档），按原样发送：这样它会连同其透露的一切到达编辑部。不勾选此项时，这类文件会被拒绝，且不会发送任何内容。
submit-plain-off = 此服务器只接受在您自己设备上加密的文件：请开启 JavaScript（在 Tor 浏览器中，“更安全”安全级别即可），或使用 <code>darkroom submit FILE --server URL</code>。

## The receipt for the plain form

thanks-title = 已收到
thanks-stored = 您的提交已保存，并用编辑部的密钥加密。
thanks-server-sealed = 此服务器按原样收到了您的文件，删除了其元数据并在内存中加密；它没有把未加密的文件写入磁盘。要让文件在加密之前一直留在您自己的设备上，请在开启 JavaScript 的情况下使用本页面（Tor 浏览器的“更安全”级别即可），或使用 <code>darkroom submit</code>。
receipt-reference = 编号
receipt-day = 接收日期
receipt-label = 标签
receipt-sealed-to = 密封给
receipt-size = 加密后大小
receipt-size-bytes = { $size } 字节
receipt-sha256 = 信封的 SHA-256
thanks-keep = 保留此回执是可选的；如果被人发现，它可能把您与此次提交联系起来。

## A refusal

error-title = 未完成
error-refused = 未被接受
error-failed = 出了点问题
error-nothing-stored = 没有保存任何内容。

## Replies

inbox-title = 回复
inbox-heading = 编辑部的回复
inbox-intro = 如果您在发送时获取了代号，编辑部可以在这里回复您。请完全按照显示给您的样子输入代号。
inbox-newsroom = 回复在这里用 <strong class="newsroom-name"></strong> 的签名密钥 <code class="newsroom-key"></code>（以单词表示为 <strong class="newsroom-fingerprint"></strong>）进行检查：未经其签名的回复会被标记为伪造。请将该密钥与编辑部公布的密钥进行比对。此标签页会记住它检查过的清单签发于 <span class="newsroom-issued"></span>，在您关闭标签页之前会拒绝更旧的清单。
inbox-here = 您的代号留在<strong>此浏览器中</strong>：它在这里被转换为密钥，您的回复也在这里解密。此服务器既看不到代号，也看不到回复。
inbox-codename = 代号
inbox-open = 打开我的回复
inbox-replies = 回复
inbox-empty = 还没有回复。
inbox-delete-account = 删除我的账户和所有回复
inbox-plain-trust = 此表单无需 JavaScript 即可使用。这时由<strong>此服务器</strong>把您的代号转换为密钥，解密您的回复以便显示，并在页面发送后将两者全部忘记。如需只在您自己的设备上解密回复，请开启 JavaScript（在 Tor 浏览器中，“更安全”安全级别即可），或使用 <code>darkroom inbox</code>。
inbox-plain-open = 打开我的回复（由服务器解密）
inbox-plain-off = 阅读回复需要在此页面开启 JavaScript（Tor 浏览器的“更安全”级别即可），因为回复在您自己的设备上解密；或者使用命令行工具：<code>darkroom inbox --server THIS-ADDRESS</code>。
inbox-server-decrypted = <strong>由此服务器解密。</strong>您是用简易表单打开收件箱的，因此此服务器把您的代号转换为密钥，并解密了这些回复以便显示。它没有保存代号或密钥，并且已将它们忘记。（开启 JavaScript 时，包括 Tor 浏览器的“更安全”级别，本页面会在您自己的设备上打开回复；也可以使用 <code>darkroom inbox</code>。）
inbox-signed = 由编辑部签名（此服务器已用其清单中的密钥检查）。
inbox-forged-unsigned = 伪造：这条回复没有编辑部的签名；不是编辑部写的，请不要据此行事
inbox-forged-signature = 伪造：其签名不属于编辑部；不是编辑部写的，请不要据此行事
inbox-forged-other-source = 伪造：这是编辑部写给别人的，被转给了您；请不要据此行事
inbox-unreadable = 这条回复无法打开，因此无从判断是谁写的。
inbox-reply-heading = 回复 { $seq }，编辑部注明日期为 { $day }
inbox-delete-reply = 删除此回复
inbox-back = 返回收件箱
inbox-form-expired = 表单已过期或缺少安全令牌；请重试。
inbox-session-ended = 您的会话已结束；请重新输入代号。
inbox-deleted-account = 您的账户及其所有回复已被删除。您的代号不再能打开任何内容；编辑部会保留您发送的内容，但不再与任何代号相关联。
inbox-deleted-reply = 该回复已删除。如需阅读其他回复，请重新输入代号：此服务器没有保留打开它们所用的密钥。

## Verifying

verify-title = 验证证明
verify-heading = 验证来源证明
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">将此检查器保存为单个文件</a>：它可离线使用，内含该编辑部签名的清单和密钥。
verify-bundle-heading = 检查证明包
verify-valid = 有效
verify-invalid = 无效
verify-intro = 证明包（<code>.proof.json</code> 或二进制格式）表明一张照片是由登记表中的某台设备在某个时间段和某个区域内拍摄的，且不透露照片或设备本身。本页面给出的结论与 <code>darkroom verify</code> 相同。您也可以加入照片及其开启值，以检查证明是否针对该照片：照片在内存中检查，不会保存，但会到达此服务器；如需让照片留在您自己的电脑上，请使用 <code>darkroom verify --image</code>。
verify-bundle = 证明包
verify-photo = 照片（可选）
verify-opening = 开启值，<code>0x…</code> 或开启值文件的文本（可选，需与照片一起提供）
verify-submit = 验证
verify-registries = 该编辑部信任以下设备登记表：
verify-no-key = 此服务器未配置来源验证密钥。请使用 <code>darkroom verify</code>。
verify-published-heading = 检查已发布的照片
verify-published-intro = 发布带签名照片的一部分（经过裁剪、部分区域被遮盖）的编辑部，会同时提供一个发布包。此检查在您的浏览器中进行：照片在这台电脑上读取，不会发送到任何地方。它显示该图像是否为可信设备所拍摄画面中未经改动的一部分，并勾画出发布者遮盖的部分。
verify-published-key = 编辑部的密钥（<code>RW…</code>）：请与编辑部在其自己网站上公布的密钥进行比对
verify-published-bundle = 发布包
verify-published-photo = 已发布的照片
verify-published-check = 检查
verify-offline-intro = 此文件用于检查 { $newsroom } 随 Darkroom 发布包一起发布的照片。它不建立任何网络连接（其安全策略禁止一切连接）；它包含编辑部签名的清单（保存于 { $saved }）及其证明验证密钥。只有当下方的密钥与编辑部在其自己网站上公布的密钥一致时，才可信任它。

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = 这里没有这个页面
refuse-storage = 服务器无法保存；没有保留任何内容；请稍后再试
refuse-stalled = 上传停滞并被中断；没有保存任何内容；请重试
refuse-too-slow = 上传速度太慢并被中断；没有保存任何内容；请重试
refuse-cut-short = 上传被中断，或不是有效的表单上传；没有保存任何内容；请重试
refuse-too-large = 上传的内容超过此服务器接受的大小（{ $mib } MiB）；没有保存任何内容
refuse-disk = 投递箱的磁盘空间不足；没有保存任何内容；请稍后再试
refuse-busy = 服务器正忙于处理其他上传；没有保存任何内容；请几分钟后再试
refuse-took-too-long = 上传耗时太长；没有保存任何内容；请用更快的连接重试
refuse-no-server-sealing = 此服务器不自行密封文件；请在您自己的设备上用 <code>darkroom submit</code> 密封文件
refuse-not-upload = 请以文件上传的方式发送表单
refuse-not-text = 留言不是文本
refuse-form-order = 在表单中，留言和“按原样发送”的选择必须位于文件之前
refuse-plain-field = 意外的表单字段；请发送 <code>message</code>、<code>send_as_is</code> 和 <code>file</code>
refuse-choose-file = 请选择要发送的文件
refuse-empty-file = 文件是空的
refuse-no-verifier = 此服务器没有验证密钥；请使用 <code>darkroom verify</code>
refuse-verify-field = 意外的表单字段
refuse-choose-bundle = 请选择证明包
refuse-publication-photo = 发布包要与已发布的照片一起检查：请加入照片
refuse-opening = 开启值必须是 0x 加 64 位十六进制数字，或 newsroom open 写出的开启值文件
refuse-photo-and-opening = 要检查照片，请同时提供照片及其开启值
refuse-check-failed = 检查未能完成；没有保留任何内容；请稍后再试
refuse-no-account = 没有与此代号匹配的账户；请检查每个单词（该账户也可能已被删除，或已连同其发送的所有内容一起过期）
refuse-no-codenames = 此投递箱不提供代号
refuse-inbox-on-device = 此投递箱只在您自己的设备上读取回复：请为回复页面开启 JavaScript 和 WebAssembly，或使用 <code>darkroom inbox</code>
refuse-inbox-token = 此表单缺少安全令牌或已过期；请返回收件箱重试
refuse-no-reply = 没有这条回复
refuse-journalist-token = 此表单缺少安全令牌或已过期；请重新加载页面后重试
refuse-no-submission = 没有这条提交内容
refuse-no-proof = 这条提交内容没有证明
refuse-select-export = 请至少选择一条提交内容进行导出
refuse-no-source = 没有这个来源（对方可能已删除账户）
refuse-reply-field = 意外的表单字段；请发送 <code>csrf</code> 和 <code>sealed</code>
refuse-choose-reply = 请选择密封的回复文件

## Labels, as the receipt and the journalist's list say them

label-proof-attached = 附有证明
label-proof-attached-journalist = 附有证明；只有在离线打开时才能确认它与内容相符
label-no-proof = 无证明
label-sealed-by-server = 由服务器密封
sealed-by-server = 由此服务器通过表单密封
sealed-on-device = 在来源的设备上

## The journalist's pages

journalist-login-title = 记者登录
journalist-name = 名称
journalist-password = 密码
journalist-code = 身份验证器应用中的代码
journalist-log-in = 登录
journalist-login-expired = 登录表单已过期或缺少安全令牌；请重试。
journalist-login-busy = 等待中的登录尝试太多；请几分钟后再试。
journalist-login-wrong = 名称、密码或代码错误。
journalist-submissions = 提交内容
journalist-log-out = 退出
journalist-none = 没有提交内容。
journalist-designation = 编号
journalist-source = 来源
journalist-arrived = 到达
journalist-size = 大小
journalist-sealed = 密封
journalist-provenance = 来源证明
journalist-select-one = 选择 { $designation }
journalist-envelope = 信封
journalist-proof = 证明
journalist-delete = 删除
journalist-export-selected = 导出所选
journalist-export-all = 全部导出
journalist-exports = 导出的是供编辑部离线电脑使用的 tar 归档：在那里，<code>darkroom newsroom open</code> 解密信封，<code>sha256sum -c SHA256SUMS</code> 检查复制的内容。
journalist-source-heading = 来源 <code>{ $designation }</code>
journalist-all-submissions = 全部提交内容
journalist-source-sent = 此来源发送的内容
journalist-nothing-kept = 没有保留任何内容。
journalist-replies = 回复
journalist-reply-row = { $day }：已密封，{ $size }
journalist-replies-sealed = 回复被密封给此来源的代号密钥和编辑部的密钥。此服务器无法读取它们；来源可以，编辑部的离线电脑也可以。
journalist-reply = 回复
journalist-reply-offline = 回复在编辑部的离线电脑上用编辑部的签名密钥撰写并签名，以便来源能把它们与此服务器可能捏造的任何内容区分开来。请在那里把回复写入一个文件，然后运行：
journalist-reply-check = 请将接收者与密封在来源信封中的接收者进行核对（<code>darkroom newsroom open</code> 会显示它，<code>newsroom reply --report report.json --source { $designation }</code> 会从那里取得它），然后在这里上传密封的回复：
journalist-sealed-reply = 密封的回复
journalist-upload-reply = 上传密封的回复
journalist-reply-stored = 密封的回复已保存；来源会在其收件箱中看到它。
