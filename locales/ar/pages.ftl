### صفحات Darkroom باللغة العربية.
###
### Review: draft translation, not yet reviewed by a native speaker.
###
### Translated from locales/en/pages.ftl; see docs/translating.md.

## Every page

site-tag = صندوق إيداع آمن
site-demo = تجريبي: يعمل هذا الخادم بمفاتيح تجريبية أُنشئت على هذا الجهاز. لا ترسل أي شيء حقيقي.
nav-label = القائمة الرئيسية
nav-submit = إرسال
nav-inbox = الردود
nav-verify = التحقق من إثبات
lang-label = اللغة
site-footer = Darkroom: تُشفَّر الملفات بمفتاح غرفة الأخبار؛ ولا يحتفظ هذا الخادم بأي شيء يستطيع قراءته.

## The landing page

landing-heading = أرسل إلى { $newsroom } صورة أو مستندًا بأمان
landing-intro =
    تُشفَّر الملفات المرسلة هنا بمفتاح غرفة الأخبار قبل حفظها.
    لا يملك هذا الخادم أي مفتاح يستطيع فتحها، ولا يسجّل من أنت
    (لا عناوين IP ولا تفاصيل المتصفح)، ولا يحفظ إلا يوم وصول الملف.
    تُحذف المواد تلقائيًا بعد { $days ->
        [zero] { $days } يوم
        [one] يوم واحد تقريبًا
        [two] يومين تقريبًا
        [few] نحو { $days } أيام
        [many] نحو { $days } يومًا
       *[other] نحو { $days } يوم
    }.
landing-before = قبل أن تبدأ
landing-tor = استخدم <strong>متصفح Tor</strong> على جهاز وشبكة لا صلة لهما بعملك.
landing-metadata = تحمل الصور تفاصيل مخفية (موقع GPS، والرقم التسلسلي للكاميرا، والمؤلف). يزيلها Darkroom، لكن محتوى الصورة نفسه قد يكشف هويتك أو مكانك.
landing-ways = طرق الإرسال
landing-way-page = <strong><a href="/submit">صفحة الإرسال</a></strong>، مع تشغيل JavaScript (مستوى «قياسي» أو «أكثر أمانًا» في متصفح Tor): تُنظَّف ملفاتك وتُشفَّر داخل متصفحك، وحيث يعمل WebAssembly («قياسي») يمكن أن تحمل الصورة الموقّعة إثباتًا على أنها لقطة لم تُعدَّل. لا يتلقى هذا الخادم إلا المغلف المشفَّر.
landing-way-cli = <strong>أداة سطر الأوامر <code>darkroom</code></strong>، التي تفعل الشيء نفسه على جهازك دون متصفح، وتتحقق من البيان الموقّع لغرفة الأخبار بالمفتاح الذي تعطيه لها:
landing-way-form = <strong>النموذج البسيط في <a href="/submit">صفحة الإرسال</a></strong>، الذي يعمل مع إيقاف JavaScript (مستوى «الأكثر أمانًا» في متصفح Tor). <em>ما يثق به هذا الطريق:</em> يصل ملفك إلى هذا الخادم عبر اتصالك (Tor) <strong>قبل</strong> أن يُشفَّر. ينظّفه الخادم ويشفّره في الذاكرة ولا يكتبه على القرص أبدًا، لكن عليك أن تثق بأن هذا الخادم يشغّل شيفرة Darkroom المنشورة ولم يُعبث به. إن كانت هذه ثقة أكبر مما ينبغي، فاستخدم أحد الطريقين الأولين.
landing-way-form-off = النموذج البسيط، الذي يشفّر فيه هذا الخادم ملفك، معطَّل هنا: لا تُقبل إلا الملفات المشفَّرة على جهازك أنت.
landing-code = الشيفرة التي يشغّلها متصفحك
landing-code-intro = تشفّر صفحة الإرسال بعميل WebAssembly الخاص بـ Darkroom، أو، حيث يكون WebAssembly معطَّلًا، بالعميل نفسه مترجمًا إلى JavaScript؛ ويستطيع أي أحد إعادة بناء كليهما بايتًا ببايت من الشيفرة المصدرية (<code>scripts/build-web --check</code>). يرسل هذا الخادم:
landing-code-bundle = حزمة العميل (SHA-256 لملف <a href="/static/client/SHA256SUMS">SHA256SUMS</a> الخاص بها)
landing-code-wasm = عميل WebAssembly (SHA-256)
landing-code-js = عميل JavaScript (سلامة الموارد الفرعية)
landing-code-verify-js = مدقق المنشورات بلغة JavaScript (سلامة الموارد الفرعية)
landing-code-script = برنامج الصفحة النصي (سلامة الموارد الفرعية)
landing-code-compare = قارنها بملف README لإصدار Darkroom الذي تقول غرفة الأخبار هذه إنها تشغّله.
landing-key = مفتاح غرفة الأخبار
landing-key-intro = توقّع { $newsroom } ما يثق به عميلك (المفاتيح التي يشفّر بها، وسجلات الكاميرات التي يُثبت بها، والشيفرة التي تشغّلها هذه الصفحة) بمفتاح التوقيع الخاص بها، وهو مفتاح لا يملكه هذا الخادم. يتحقق عميلك من هذا التوقيع قبل أن يرسل أي شيء. <strong>قارن هذا المفتاح بما تنشره { $newsroom } في أماكن أخرى</strong> (موقعها الإلكتروني، المطبوعات، دليل): إن أراك هذا الخادم مفتاحًا مختلفًا، فالتحقق لا يثبت شيئًا.
landing-key-signing = مفتاح توقيع غرفة الأخبار
landing-key-words = بصمته، بالكلمات
landing-key-cli = مع أداة سطر الأوامر، أعطها إياه مرة واحدة:
landing-key-none = لا ينشر هذا الخادم بيانًا موقّعًا لغرفة الأخبار، فليس لدى عميلك ما يتحقق به من مفاتيحه.
landing-recipients = تُختم المغلفات لمستلمي age هؤلاء، { $protection }:
protection-hybrid = مفاتيح هجينة مقاومة للحوسبة الكمومية (ML-KEM-768 مع X25519)
protection-classical = مفاتيح تقليدية (X25519 فقط، غير محمية من حاسوب كمومي مستقبلي)

## The submit page

submit-title = إرسال
submit-heading = إرسال ملفات
submit-loading = جارٍ تحميل الشيفرة التي تشفّر ملفاتك على هذا الجهاز…
submit-newsroom = لا تشفّر هذه الصفحة إلا بالمفاتيح التي وقّعتها <strong class="newsroom-name"></strong> بمفتاح غرفة الأخبار <code class="newsroom-key"></code>، وبالكلمات <strong class="newsroom-fingerprint"></strong> (صالح حتى <span class="newsroom-expires"></span>). <strong>قارن هذا بما تنشره <span class="newsroom-name"></span></strong> في أماكن أخرى (موقعها الإلكتروني، المطبوعات): إن اختلفا فلا ترسل شيئًا.
submit-sealed-to = تُختم الملفات لـ<strong class="newsroom-protection"></strong> الخاصة بها. يتذكر هذا التبويب أن البيان الذي تحقق منه صدر في <span class="newsroom-issued"></span>، ويرفض أي بيان أقدم إلى أن تغلق التبويب.
submit-demo = هذه غرفة أخبار تجريبية بمفاتيح تجريبية: لا ترسل أي شيء حقيقي.
submit-paste-key = ليُتحقق منه هنا، الصق المفتاح الذي تنشره غرفة الأخبار (اختياري)
submit-key-checked = المفتاح الذي لصقته وقّع بيان غرفة الأخبار هذه.
submit-here = تُنظَّف ملفاتك من البيانات الوصفية المخفية وتُشفَّر <strong>هنا، في متصفحك</strong>، قبل إرسال أي شيء. لا يتلقى هذا الخادم إلا مغلفات لا يستطيع فتحها.
submit-js-note = WebAssembly معطَّل في هذا المتصفح (في متصفح Tor يعطّله مستوى الأمان «أكثر أمانًا»)، لذا تشغّل هذه الصفحة شيفرة التشفير نفسها مترجمة إلى JavaScript. هي أبطأ، وما زالت ملفاتك لا تغادر هذا الجهاز إلا مشفَّرة. لا تُصنع هنا إثباتات على أن الصورة لقطة لم تُعدَّل.
submit-files = الملفات (بحد أقصى { $mib } ميبيبايت لكل ملف؛ يمكنك اختيار عدة ملفات معًا)
submit-proof-js = الصورة هنا موقّعة من جهاز التقاط، فيمكن أن تحمل إثباتًا على أنها لم تُعدَّل، لكن الإثباتات لا تُصنع دون WebAssembly: سيستغرق ذلك وقتًا طويلًا جدًا. لإرفاق إثبات، أرسلها من متصفح Tor على مستوى الأمان «قياسي»، أو اصنع الإثبات على جهازك بالأمر <code>darkroom prove</code> وأرسله بالأمر <code>darkroom submit</code>. ومن دون إثبات، تُنظَّف الصورة وتُشفَّر هنا على أي حال.
submit-proof-legend = إثبات أن الصورة لقطة لم تُعدَّل (اختياري)
submit-proof-intro = يمكن للصورة الموقّعة من كاميرا تثق بها غرفة الأخبار هذه أن تحمل إثباتًا صفري المعرفة على أنها لم تُعدَّل منذ التقاطها. لا يُظهر الإثبات الصورة ولا الكاميرا: فقط الوقت والمكان اللذين تختارهما هنا.
submit-proof-on = إرفاق إثبات بالصور الموقّعة
submit-proof-window = الوقت الذي يُظهره الإثبات
submit-window-day = يوم التقاطها
submit-window-month = الشهر فقط
submit-window-year = السنة فقط
submit-window-none = لا شيء عن الوقت
submit-proof-region = المكان الذي يُظهره الإثبات
submit-region-none = لا شيء عن المكان
submit-region-1 = مربع بعرض 1° حوله (نحو 100 كم)
submit-region-10 = مربع بعرض 10° حوله (نحو 1000 كم)
submit-region-30 = مربع بعرض 30° حوله
submit-codename-legend = الردود (اختياري)
submit-codename-on = احصل على اسم رمزي، لتتمكن غرفة الأخبار من الرد عليّ
submit-codename-shown = اسمك الرمزي، يُعرض هذه المرة فقط:
submit-codename-keep = به تستطيع قراءة ردود غرفة الأخبار في صفحة <a href="/inbox">الردود</a>. ويستطيع كل من يملكه قراءتها أيضًا، ولا يستطيع أحد استعادته لك. اكتبه على ورقة واحفظه في مكان آمن؛ لا تحفظه في هذا المتصفح ولا على هذا الجهاز.
submit-message = رسالة إلى غرفة الأخبار (اختيارية؛ تُشفَّر مع ملفاتك)
submit-send = تشفير وإرسال
submit-received = تم الاستلام
submit-receipts = حُفظ كل ملف مشفَّرًا بمفتاح غرفة الأخبار. الاحتفاظ بهذه الإيصالات اختياري؛ فقد تربطك بما أرسلت إن عثر عليها أحد.
submit-client = العميل: <span id="client-version"></span>، SHA-256 <code>{ $sha256 }</code>.
submit-unavailable = لا يستطيع متصفحك تشفير الملفات في هذه الصفحة.
submit-you-can = يمكنك:
submit-use-cli = استخدام <strong>أداة سطر الأوامر</strong>، التي تشفّر على جهازك أنت:
submit-use-form = استخدام <strong>النموذج أدناه</strong>، الذي يشفّر فيه هذا الخادم ملفك (اقرأ ما يثق به ذلك)؛
submit-use-standard = أو، في متصفح Tor، ضبط مستوى الأمان على «قياسي» (ينطبق على كل المواقع إلى أن تعيده).
submit-plain-newsroom = صندوق الإيداع هذا يخص <strong>{ $newsroom }</strong>، ومفتاح غرفة الأخبار فيها <code>{ $key }</code>، وبالكلمات <strong>{ $words }</strong>. <strong>قارن هذا بما تنشره { $newsroom }</strong> في أماكن أخرى (موقعها الإلكتروني، المطبوعات): إن اختلفا فلا ترسل شيئًا. من دون JavaScript لا تستطيع هذه الصفحة التحقق بنفسها من توقيع غرفة الأخبار؛ إنها تعرض ما قرأه الخادم من البيان الموقّع لغرفة الأخبار.
submit-plain-keep = لإبقاء ملفك على جهازك إلى أن يُشفَّر: في متصفح Tor، اختر مستوى الأمان <strong>«أكثر أمانًا»</strong> (فتشفّر هذه الصفحة حينها في متصفحك، باستخدام JavaScript ومن دون WebAssembly)، أو استخدم أداة سطر الأوامر، التي تتحقق أيضًا من توقيع غرفة الأخبار:
submit-plain-trust = يعمل هذا النموذج دون JavaScript. <strong>يصل ملفك إلى هذا الخادم قبل أن يُشفَّر:</strong> يزيل الخادم بياناته الوصفية ويختمه بمفتاح غرفة الأخبار في الذاكرة، ولا يكتبه على القرص أبدًا.
submit-plain-message = رسالة إلى غرفة الأخبار (اختيارية)
submit-plain-file = الملف (بحد أقصى { $mib } ميبيبايت)
submit-plain-as-is = أرسله كما هو إن لم يستطع Darkroom إزالة بياناته الوصفية (مثل ملف PDF أو فيديو أو مستند مكتبي): سيصل حينها إلى غرفة الأخبار بكل ما يكشفه. من دون هذا الخيار يُرفض مثل هذا الملف ولا يُرسل شيء.
submit-plain-off = لا يقبل هذا الخادم إلا الملفات المشفَّرة على جهازك أنت: شغّل JavaScript (في متصفح Tor يكفي مستوى الأمان «أكثر أمانًا»)، أو استخدم <code>darkroom submit FILE --server URL</code>.

## The receipt for the plain form

thanks-title = تم الاستلام
thanks-stored = حُفظ ما أرسلته مشفَّرًا بمفتاح غرفة الأخبار.
thanks-server-sealed = تلقى هذا الخادم ملفك كما هو، وأزال بياناته الوصفية وشفّره في الذاكرة؛ ولم يكتبه على القرص غير مشفَّر. لإبقاء الملف على جهازك إلى أن يُشفَّر، استخدم الصفحة مع تشغيل JavaScript (يكفي مستوى «أكثر أمانًا» في متصفح Tor)، أو <code>darkroom submit</code>.
receipt-reference = المرجع
receipt-day = يوم الاستلام
receipt-label = التصنيف
receipt-sealed-to = مختوم لـ
receipt-size = الحجم المشفَّر
receipt-size-bytes = { $size } بايت
receipt-sha256 = SHA-256 للمغلف
thanks-keep = الاحتفاظ بهذا الإيصال اختياري؛ فقد يربطك بهذه المادة إن عثر عليه أحد.

## A refusal

error-title = لم يتم
error-refused = غير مقبول
error-failed = حدث خطأ ما
error-nothing-stored = لم يُحفظ أي شيء.

## Replies

inbox-title = الردود
inbox-heading = ردود غرفة الأخبار
inbox-intro = إن طلبت اسمًا رمزيًا حين أرسلت شيئًا، فيمكن لغرفة الأخبار أن ترد عليك هنا. اكتب الاسم الرمزي تمامًا كما عُرض عليك.
inbox-newsroom = يُتحقق من الردود هنا بمفتاح توقيع <strong class="newsroom-name"></strong>، <code class="newsroom-key"></code> (بالكلمات <strong class="newsroom-fingerprint"></strong>): أي رد لم توقّعه يُعلَّم بأنه مزوَّر. قارن المفتاح بما تنشره غرفة الأخبار. يتذكر هذا التبويب أن البيان الذي تحقق منه صدر في <span class="newsroom-issued"></span>، ويرفض أي بيان أقدم إلى أن تغلق التبويب.
inbox-here = يبقى اسمك الرمزي <strong>في هذا المتصفح</strong>: هنا يتحول إلى مفاتيح، وهنا تُفك شيفرة ردودك. لا يرى هذا الخادم الاسم الرمزي ولا الردود.
inbox-codename = الاسم الرمزي
inbox-open = افتح ردودي
inbox-replies = الردود
inbox-empty = لا ردود بعد.
inbox-delete-account = احذف حسابي وكل الردود
inbox-plain-trust = يعمل هذا النموذج دون JavaScript. وحينها <strong>هذا الخادم</strong> هو من يحوّل اسمك الرمزي إلى مفاتيح، ويفك شيفرة ردودك ليعرضها، وينسى الاثنين فور إرسال الصفحة. لردود تُفك شيفرتها على جهازك وحده، شغّل JavaScript (في متصفح Tor يكفي مستوى الأمان «أكثر أمانًا»)، أو استخدم <code>darkroom inbox</code>.
inbox-plain-open = افتح ردودي (يفك الخادم شيفرتها)
inbox-plain-off = تحتاج قراءة الردود إلى JavaScript في هذه الصفحة (يكفي مستوى «أكثر أمانًا» في متصفح Tor)، لأن شيفرتها تُفك على جهازك أنت، أو إلى أداة سطر الأوامر: <code>darkroom inbox --server THIS-ADDRESS</code>.
inbox-server-decrypted = <strong>فكّ هذا الخادم شيفرتها.</strong> فتحت صندوقك بالنموذج البسيط، لذا حوّل هذا الخادم اسمك الرمزي إلى مفاتيح وفك شيفرة هذه الردود ليعرضها. لم يحفظ الاسم الرمزي ولا المفاتيح، وقد نسيهما. (تفتح الصفحة الردود على جهازك حين يكون JavaScript مشغَّلًا، وكذلك في مستوى «أكثر أمانًا» في متصفح Tor، أو استخدم <code>darkroom inbox</code>.)
inbox-signed = موقَّع من غرفة الأخبار (تحقق منه هذا الخادم بالمفتاح الوارد في بيانها).
inbox-forged-unsigned = مزوَّر: لا يحمل هذا الرد توقيع غرفة الأخبار؛ لم تكتبه غرفة الأخبار، فلا تتصرف بناءً عليه
inbox-forged-signature = مزوَّر: توقيعه ليس توقيع غرفة الأخبار؛ لم تكتبه غرفة الأخبار، فلا تتصرف بناءً عليه
inbox-forged-other-source = مزوَّر: كتبت غرفة الأخبار هذا لشخص آخر ومُرِّر إليك؛ لا تتصرف بناءً عليه
inbox-unreadable = لا يمكن فتح هذا الرد، فلا شيء يدل على من كتبه.
inbox-reply-heading = الرد { $seq }، بتاريخ { $day } من غرفة الأخبار
inbox-delete-reply = احذف هذا الرد
inbox-back = العودة إلى الردود
inbox-form-expired = انتهت صلاحية النموذج أو ينقصه رمز الأمان؛ حاول مرة أخرى.
inbox-session-ended = انتهت جلستك؛ اكتب اسمك الرمزي مرة أخرى.
inbox-deleted-account = حُذف حسابك وكل الردود عليه. لم يعد اسمك الرمزي يفتح أي شيء؛ تحتفظ غرفة الأخبار بما أرسلته، دون أن يرتبط باسم رمزي.
inbox-deleted-reply = حُذف الرد. لقراءة الردود الأخرى، اكتب اسمك الرمزي مرة أخرى: لم يحتفظ هذا الخادم بالمفتاح الذي فتحها به.

## Verifying

verify-title = التحقق من إثبات
verify-heading = التحقق من إثبات مصدر
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">احفظ هذا المدقق ملفًا واحدًا</a>: يعمل دون اتصال، وفيه البيان الموقّع لغرفة الأخبار هذه ومفاتيحها.
verify-bundle-heading = فحص حزمة إثبات
verify-valid = صالح
verify-invalid = غير صالح
verify-intro = تُظهر حزمة الإثبات (<code>.proof.json</code> أو ثنائية) أن صورة التقطها جهاز مسجَّل في سجل، ضمن نافذة زمنية ومنطقة، دون كشف الصورة أو الجهاز. تعطي هذه الصفحة الحكم نفسه الذي يعطيه <code>darkroom verify</code>. يمكنك أيضًا إضافة الصورة وفتحتها للتحقق من أن الإثبات يخص تلك الصورة: تُفحص الصورة في الذاكرة ولا تُحفظ، لكنها تصل إلى هذا الخادم؛ لإبقائها على جهازك، استخدم <code>darkroom verify --image</code>.
verify-bundle = حزمة الإثبات
verify-photo = الصورة (اختيارية)
verify-opening = الفتحة، <code>0x…</code> أو نص ملف الفتحة (اختيارية، مع الصورة)
verify-submit = تحقق
verify-registries = تثق غرفة الأخبار هذه بسجلات الأجهزة هذه:
verify-no-key = لا يوجد على هذا الخادم مفتاح مُعَدّ للتحقق من المصدر. استخدم <code>darkroom verify</code>.
verify-published-heading = فحص صورة منشورة
verify-published-intro = غرفة الأخبار التي تنشر جزءًا من صورة موقّعة (مقصوصة، مع مناطق مخفية) ترفق بها حزمة نشر. يجري هذا الفحص في متصفحك: تُقرأ الصورة على هذا الحاسوب ولا تُرسل إلى أي مكان. يُظهر الفحص ما إذا كانت الصورة جزءًا سليمًا من لقطة جهاز موثوق، ويحدّد ما أخفاه الناشر.
verify-published-key = مفتاح غرفة الأخبار (<code>RW…</code>): قارنه بالمفتاح الذي تنشره غرفة الأخبار على موقعها الإلكتروني
verify-published-bundle = حزمة النشر
verify-published-photo = الصورة المنشورة
verify-published-check = افحص
verify-offline-intro = يفحص هذا الملف الصور التي تنشرها { $newsroom } مع حزمة نشر من Darkroom. لا يفتح أي اتصال بالشبكة (تمنع سياسة الأمان الخاصة به أي اتصال)؛ وفيه البيان الموقّع لغرفة الأخبار، محفوظًا في { $saved }، ومفتاح التحقق من الإثباتات. لا تثق به إلا إذا كان المفتاح أدناه هو الذي تنشره غرفة الأخبار على موقعها الإلكتروني.

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = لا توجد صفحة بهذا العنوان هنا
refuse-storage = تعذّر على الخادم حفظ هذا؛ لم يُحتفظ بأي شيء؛ حاول لاحقًا
refuse-stalled = توقف الرفع وقُطع؛ لم يُحفظ أي شيء؛ حاول مرة أخرى
refuse-too-slow = الرفع بطيء جدًا وقُطع؛ لم يُحفظ أي شيء؛ حاول مرة أخرى
refuse-cut-short = انقطع الرفع أو أنه ليس نموذج رفع صالحًا؛ لم يُحفظ أي شيء؛ حاول مرة أخرى
refuse-too-large = حجم الرفع أكبر مما يقبله هذا الخادم ({ $mib } ميبيبايت)؛ لم يُحفظ أي شيء
refuse-disk = مساحة القرص في صندوق الإيداع توشك أن تنفد؛ لم يُحفظ أي شيء؛ حاول لاحقًا
refuse-busy = الخادم مشغول بعمليات رفع أخرى؛ لم يُحفظ أي شيء؛ حاول بعد بضع دقائق
refuse-took-too-long = استغرق الرفع وقتًا طويلًا جدًا؛ لم يُحفظ أي شيء؛ حاول باتصال أسرع
refuse-no-server-sealing = لا يختم هذا الخادم الملفات بنفسه؛ اختم الملف على جهازك بالأمر <code>darkroom submit</code>
refuse-not-upload = أرسل النموذج على أنه رفع ملف
refuse-not-text = الرسالة ليست نصًا
refuse-form-order = يجب أن تأتي الرسالة وخيار الإرسال كما هو قبل الملف في النموذج
refuse-plain-field = حقل غير متوقع في النموذج؛ أرسل <code>message</code> و<code>send_as_is</code> و<code>file</code>
refuse-choose-file = اختر ملفًا لإرساله
refuse-empty-file = الملف فارغ
refuse-no-verifier = لا يملك هذا الخادم مفتاح تحقق؛ استخدم <code>darkroom verify</code>
refuse-verify-field = حقل غير متوقع في النموذج
refuse-choose-bundle = اختر حزمة إثبات
refuse-publication-photo = تُفحص حزمة النشر مقابل الصورة المنشورة: أضفها
refuse-opening = يجب أن تكون الفتحة 0x متبوعة بـ 64 رقمًا ست عشريًا، أو ملف الفتحة الذي كتبه الأمر newsroom open
refuse-photo-and-opening = لفحص صورة، أعطِ الصورة وفتحتها معًا
refuse-check-failed = تعذّر إكمال الفحص؛ لم يُحتفظ بأي شيء؛ حاول لاحقًا
refuse-no-account = لا يوجد حساب يطابق هذا الاسم الرمزي؛ تحقق من كل كلمة (ربما حُذف الحساب أيضًا، أو انتهت مدته مع كل ما أرسله)
refuse-no-codenames = لا يقدّم صندوق الإيداع هذا أسماء رمزية
refuse-inbox-on-device = لا يقرأ صندوق الإيداع هذا الردود إلا على جهازك: شغّل JavaScript وWebAssembly لصفحة الردود، أو استخدم <code>darkroom inbox</code>
refuse-inbox-token = ينقص هذا النموذج رمز الأمان أو انتهت صلاحيته؛ عد إلى الردود وحاول مرة أخرى
refuse-no-reply = لا يوجد رد كهذا
refuse-journalist-token = ينقص هذا النموذج رمز الأمان أو انتهت صلاحيته؛ أعد تحميل الصفحة وحاول مرة أخرى
refuse-no-submission = لا توجد مادة مرسلة كهذه
refuse-no-proof = لا إثبات لهذه المادة
refuse-select-export = اختر مادة واحدة على الأقل لتصديرها
refuse-no-source = لا يوجد مصدر كهذا (ربما حذف حسابه)
refuse-reply-field = حقل غير متوقع في النموذج؛ أرسل <code>csrf</code> و<code>sealed</code>
refuse-choose-reply = اختر ملف الرد المختوم

## Labels, as the receipt and the journalist's list say them

label-proof-attached = مرفق بإثبات
label-proof-attached-journalist = مرفق بإثبات؛ لا يُتحقق من مطابقته للمحتوى إلا عند فتحه دون اتصال
label-no-proof = دون إثبات
label-sealed-by-server = ختمه الخادم
sealed-by-server = بواسطة هذا الخادم، من النموذج
sealed-on-device = على جهاز المصدر

## The journalist's pages

journalist-login-title = دخول الصحفيين
journalist-name = الاسم
journalist-password = كلمة المرور
journalist-code = الرمز من تطبيق المصادقة
journalist-log-in = دخول
journalist-login-expired = انتهت صلاحية نموذج الدخول أو ينقصه رمز الأمان؛ حاول مرة أخرى.
journalist-login-busy = محاولات دخول كثيرة جدًا في الانتظار؛ حاول بعد بضع دقائق.
journalist-login-wrong = الاسم أو كلمة المرور أو الرمز غير صحيح.
journalist-submissions = المواد المرسلة
journalist-log-out = خروج
journalist-none = لا مواد مرسلة.
journalist-designation = التسمية
journalist-source = المصدر
journalist-arrived = الوصول
journalist-size = الحجم
journalist-sealed = الختم
journalist-provenance = المصدر والأصالة
journalist-select-one = اختيار { $designation }
journalist-envelope = المغلف
journalist-proof = الإثبات
journalist-delete = حذف
journalist-export-selected = تصدير المحدد
journalist-export-all = تصدير الكل
journalist-exports = الصادرات أرشيفات tar لجهاز غرفة الأخبار غير المتصل: هناك يفك <code>darkroom newsroom open</code> شيفرة المغلفات، ويتحقق <code>sha256sum -c SHA256SUMS</code> مما نُسخ.
journalist-source-heading = المصدر <code>{ $designation }</code>
journalist-all-submissions = كل المواد المرسلة
journalist-source-sent = ما أرسله هذا المصدر
journalist-nothing-kept = لا شيء محفوظ.
journalist-replies = الردود
journalist-reply-row = { $day }: مختوم، { $size }
journalist-replies-sealed = تُختم الردود لمفتاح الاسم الرمزي لهذا المصدر ولمفاتيح غرفة الأخبار. لا يستطيع هذا الخادم قراءتها؛ يستطيعها المصدر، وكذلك جهاز غرفة الأخبار غير المتصل.
journalist-reply = الرد
journalist-reply-offline = تُكتب الردود وتُوقَّع على جهاز غرفة الأخبار غير المتصل، بمفتاح توقيع غرفة الأخبار، ليميّزها المصدر من أي شيء قد يختلقه هذا الخادم. اكتب الرد في ملف هناك، ثم شغّل:
journalist-reply-check = قارن المستلم بالمستلم المختوم في مغلف المصدر (يعرضه <code>darkroom newsroom open</code>، ويأخذه <code>newsroom reply --report report.json --source { $designation }</code> من هناك)، ثم ارفع الرد المختوم هنا:
journalist-sealed-reply = الرد المختوم
journalist-upload-reply = رفع الرد المختوم
journalist-reply-stored = حُفظ الرد المختوم؛ سيراه المصدر في صندوق ردوده.
