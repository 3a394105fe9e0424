### Darkroom sayfaları, Türkçe.
###
### Review: draft translation, not yet reviewed by a native speaker.
###
### Translated from locales/en/pages.ftl; see docs/translating.md.

## Every page

site-tag = güvenli gönderi kutusu
site-demo = DEMO: bu sunucu bu makinede oluşturulmuş deneme anahtarlarıyla çalışıyor. Gerçek hiçbir şey göndermeyin.
nav-label = Ana menü
nav-submit = Gönder
nav-inbox = Yanıtlar
nav-verify = Bir kanıtı doğrula
lang-label = Dil
site-footer = Darkroom: dosyalar haber merkezinin anahtarıyla şifrelenir; bu sunucu okuyabileceği hiçbir şeyi saklamaz.

## The landing page

landing-heading = Güvenle bir fotoğraf ya da belge gönderin: { $newsroom }
landing-intro =
    Buraya gönderilen dosyalar saklanmadan önce haber merkezinin anahtarıyla şifrelenir.
    Bu sunucuda onları açabilecek bir anahtar yoktur, kim olduğunuzu kaydetmez
    (IP adresi de, tarayıcı bilgisi de yok) ve yalnızca bir dosyanın geldiği günü saklar.
    Gönderiler yaklaşık { $days } gün sonra kendiliğinden silinir.
landing-before = Başlamadan önce
landing-tor = <strong>Tor Browser</strong> kullanın; işinizle bağlantısı olmayan bir cihazda ve ağda.
landing-metadata = Fotoğraflar gizli bilgiler taşır (GPS konumu, fotoğraf makinesinin seri numarası, yazar). Darkroom bunları kaldırır, ama bir fotoğrafın içeriği yine de sizi ya da nerede olduğunuzu ele verebilir.
landing-ways = Gönderme yolları
landing-way-page = <strong><a href="/submit">Gönderme sayfası</a></strong>, JavaScript açıkken (Tor Browser'ın "Standart" ya da "Daha güvenli" düzeyi): dosyalarınız tarayıcınızda temizlenip şifrelenir ve WebAssembly'nin çalıştığı yerde ("Standart") imzalı bir fotoğraf, değiştirilmemiş bir çekim olduğunun kanıtını taşıyabilir. Bu sunucu yalnızca şifreli zarfı alır.
landing-way-cli = <strong><code>darkroom</code> komut satırı aracı</strong>: aynı işi tarayıcısız olarak kendi cihazınızda yapar ve haber merkezinin imzalı bildirgesini verdiğiniz anahtarla denetler:
landing-way-form = <strong><a href="/submit">Gönderme sayfasındaki</a> düz form</strong>: JavaScript kapalıyken çalışır (Tor Browser'ın "En güvenli" düzeyi). <em>Bu yolun neye güvendiği:</em> dosyanız şifrelenmeden <strong>önce</strong> (Tor) bağlantınız üzerinden bu sunucuya ulaşır. Sunucu onu bellekte temizler ve şifreler, asla diske yazmaz; ama bu sunucunun Darkroom'un yayımlanmış kodunu çalıştırdığına ve kurcalanmadığına güvenmeniz gerekir. Bu size fazla güven gibi geliyorsa ilk iki yoldan birini kullanın.
landing-way-form-off = Bu sunucunun dosyanızı şifrelediği düz form burada kapalıdır: yalnızca kendi cihazınızda şifrelenmiş dosyalar kabul edilir.
landing-code = Tarayıcınızın çalıştırdığı kod
landing-code-intro = Gönderme sayfası Darkroom'un WebAssembly istemcisiyle, WebAssembly kapalıysa JavaScript'e çevrilmiş aynı istemciyle şifreler; herkes ikisini de kaynak koddan bayt bayt yeniden derleyebilir (<code>scripts/build-web --check</code>). Bu sunucunun gönderdikleri:
landing-code-bundle = İstemci paketi (<a href="/static/client/SHA256SUMS">SHA256SUMS</a> dosyasının SHA-256 değeri)
landing-code-wasm = WebAssembly istemcisi (SHA-256)
landing-code-js = JavaScript istemcisi (alt kaynak bütünlüğü)
landing-code-verify-js = JavaScript yayın denetleyicisi (alt kaynak bütünlüğü)
landing-code-script = Sayfa betiği (alt kaynak bütünlüğü)
landing-code-compare = Bunları, bu haber merkezinin çalıştırdığını söylediği Darkroom sürümünün README dosyasıyla karşılaştırın.
landing-key = Haber merkezinin anahtarı
landing-key-intro = { $newsroom }, istemcinizin güvendiği şeyleri (şifrelediği anahtarlar, kanıtlarda kullandığı kamera kayıtları, bu sayfanın çalıştırdığı kod) bu sunucuda bulunmayan imza anahtarıyla imzalar. İstemciniz herhangi bir şey göndermeden önce bu imzayı denetler. <strong>Bu anahtarı { $newsroom } kuruluşunun başka yerlerde yayımladığıyla karşılaştırın</strong> (web sitesi, basılı yayın, bir dizin): bu sunucu size farklı bir anahtar gösterdiyse denetim hiçbir şey kanıtlamaz.
landing-key-signing = Haber merkezinin imza anahtarı
landing-key-words = Parmak izi, sözcüklerle
landing-key-cli = Komut satırı aracına bir kez verin:
landing-key-none = Bu sunucu imzalı bir haber merkezi bildirgesi yayımlamıyor; bu yüzden istemcinizin anahtarları karşılaştıracağı bir şey yok.
landing-recipients = Zarflar şu age alıcılarına mühürlenir, { $protection }:
protection-hybrid = hibrit kuantum sonrası anahtarlar (X25519 ile ML-KEM-768)
protection-classical = klasik anahtarlar (yalnızca X25519, gelecekteki bir kuantum bilgisayara karşı korumasız)

## The submit page

submit-title = Gönder
submit-heading = Dosya gönder
submit-loading = Dosyalarınızı bu cihazda şifreleyen kod yükleniyor…
submit-newsroom = Bu sayfa yalnızca <strong class="newsroom-name"></strong> kuruluşunun haber merkezi anahtarıyla <code class="newsroom-key"></code> imzaladığı anahtarlarla şifreler; sözcüklerle <strong class="newsroom-fingerprint"></strong> (<span class="newsroom-expires"></span> tarihine kadar geçerli). <strong>Bunu <span class="newsroom-name"></span> kuruluşunun yayımladığıyla karşılaştırın</strong> (web sitesi, basılı yayın): farklıysa hiçbir şey göndermeyin.
submit-sealed-to = Dosyalar onun <strong class="newsroom-protection"></strong> ile mühürlenir. Bu sekme, denetlediği bildirgenin <span class="newsroom-issued"></span> tarihinde yayımlandığını hatırlar ve siz sekmeyi kapatana dek daha eskisini reddeder.
submit-demo = Bu, deneme anahtarları olan bir DEMO haber merkezidir: gerçek hiçbir şey göndermeyin.
submit-paste-key = Burada denetlenmesi için haber merkezinin yayımladığı anahtarı yapıştırın (isteğe bağlı)
submit-key-checked = Yapıştırdığınız anahtar bu haber merkezinin bildirgesini imzalamış.
submit-here = Dosyalarınız, herhangi bir şey gönderilmeden önce <strong>burada, tarayıcınızda</strong> gizli üst verilerden temizlenir ve şifrelenir. Bu sunucu yalnızca açamayacağı zarfları alır.
submit-js-note = Bu tarayıcıda WebAssembly kapalı (Tor Browser'da "Daha güvenli" güvenlik düzeyi onu kapatır); bu yüzden bu sayfa, JavaScript'e çevrilmiş aynı şifreleme kodunu çalıştırıyor. Daha yavaştır ve dosyalarınız bu cihazdan yine yalnızca şifreli olarak çıkar. Bir fotoğrafın değiştirilmemiş bir çekim olduğunu gösteren kanıtlar burada yapılmaz.
submit-files = Dosyalar (her biri en çok { $mib } MiB; isterseniz birkaçını birden seçin)
submit-proof-js = Buradaki bir fotoğraf bir çekim cihazınca imzalanmış, yani değiştirilmediğine dair bir kanıt taşıyabilir; ama WebAssembly olmadan kanıt yapılmaz, çok uzun sürerdi. Kanıt eklemek için fotoğrafı "Standart" güvenlik düzeyindeki Tor Browser'dan gönderin ya da kanıtı kendi cihazınızda <code>darkroom prove</code> ile yapıp <code>darkroom submit</code> ile gönderin. Kanıt olmadan da fotoğraf burada temizlenir ve şifrelenir.
submit-proof-legend = Bir fotoğrafın değiştirilmemiş bir çekim olduğunun kanıtı (isteğe bağlı)
submit-proof-intro = Bu haber merkezinin güvendiği bir kameranın imzaladığı fotoğraf, çekildiğinden beri değiştirilmediğine dair sıfır bilgili bir kanıt taşıyabilir. Kanıt ne fotoğrafı ne de kamerayı gösterir: yalnızca burada seçtiğiniz zamanı ve yeri.
submit-proof-on = İmzalı fotoğraflara bir kanıt ekle
submit-proof-window = Kanıtın gösterdiği zaman
submit-window-day = çekildiği gün
submit-window-month = yalnızca ay
submit-window-year = yalnızca yıl
submit-window-none = zamana dair hiçbir şey
submit-proof-region = Kanıtın gösterdiği yer
submit-region-none = yere dair hiçbir şey
submit-region-1 = çevresinde 1°'lik bir kare (yaklaşık 100 km)
submit-region-10 = çevresinde 10°'lik bir kare (yaklaşık 1.000 km)
submit-region-30 = çevresinde 30°'lik bir kare
submit-codename-legend = Yanıtlar (isteğe bağlı)
submit-codename-on = Haber merkezi bana yanıt verebilsin diye bir kod ad al
submit-codename-shown = Kod adınız, yalnızca bu kez gösterilir:
submit-codename-keep = Onunla haber merkezinin yanıtlarını <a href="/inbox">Yanıtlar</a> sayfasında okuyabilirsiniz. Ona sahip olan herkes de okuyabilir ve kimse onu sizin için kurtaramaz. Kâğıda yazın ve güvenli bir yerde saklayın; bu tarayıcıda ya da bu cihazda saklamayın.
submit-message = Haber merkezine mesaj (isteğe bağlı; dosyalarınızla birlikte şifrelenir)
submit-send = Şifrele ve gönder
submit-received = Alındı
submit-receipts = Her dosya, haber merkezinin anahtarıyla şifrelenmiş olarak saklandı. Bu makbuzları saklamak isteğe bağlıdır; biri bulursa sizi gönderinizle ilişkilendirebilir.
submit-client = İstemci: <span id="client-version"></span>, SHA-256 <code>{ $sha256 }</code>.
submit-unavailable = Tarayıcınız bu sayfada dosya şifreleyemiyor.
submit-you-can = Şunları yapabilirsiniz:
submit-use-cli = kendi cihazınızda şifreleyen <strong>komut satırı aracını</strong> kullanmak:
submit-use-form = bu sunucunun dosyanızı şifrelediği <strong>aşağıdaki formu</strong> kullanmak (neye güvendiğini okuyun);
submit-use-standard = ya da Tor Browser'da güvenlik düzeyini "Standart" yapmak (siz geri alana dek tüm siteler için geçerlidir).
submit-plain-newsroom = Bu gönderi kutusu <strong>{ $newsroom }</strong> kuruluşuna aittir; haber merkezi anahtarı <code>{ $key }</code>, sözcüklerle <strong>{ $words }</strong>. <strong>Bunu { $newsroom } kuruluşunun yayımladığıyla karşılaştırın</strong> (web sitesi, basılı yayın): farklıysa hiçbir şey göndermeyin. JavaScript olmadan bu sayfa haber merkezinin imzasını kendisi denetleyemez; sunucunun haber merkezinin imzalı bildirgesinden okuduğunu gösterir.
submit-plain-keep = Dosyanız şifrelenene dek kendi cihazınızda kalsın istiyorsanız: Tor Browser'da <strong>"Daha güvenli"</strong> güvenlik düzeyini seçin (bu sayfa o zaman tarayıcınızda, JavaScript ile ama WebAssembly olmadan şifreler) ya da haber merkezinin imzasını da denetleyen komut satırı aracını kullanın:
submit-plain-trust = Bu form JavaScript olmadan çalışır. <strong>Dosyanız bu sunucuya şifrelenmeden önce ulaşır:</strong> sunucu üst verilerini kaldırır ve onu bellekte haber merkezinin anahtarıyla mühürler; asla diske yazmaz.
submit-plain-message = Haber merkezine mesaj (isteğe bağlı)
submit-plain-file = Dosya (en çok { $mib } MiB)
submit-plain-as-is = Darkroom üst verilerini kaldıramazsa olduğu gibi gönder (örneğin bir PDF, bir video ya da bir ofis belgesi): o zaman haber merkezine açığa vurduğu her şeyle ulaşır. Bu seçilmezse böyle bir dosya reddedilir ve hiçbir şey gönderilmez.
submit-plain-off = Bu sunucu yalnızca kendi cihazınızda şifrelenmiş dosyaları kabul eder: JavaScript'i açın (Tor Browser'da "Daha güvenli" güvenlik düzeyi yeterli) ya da <code>darkroom submit FILE --server URL</code> kullanın.

## The receipt for the plain form

thanks-title = Alındı
thanks-stored = Gönderiniz haber merkezinin anahtarıyla şifrelenmiş olarak saklandı.
thanks-server-sealed = Bu sunucu dosyanızı olduğu gibi aldı, üst verilerini kaldırdı ve bellekte şifreledi; onu şifresiz olarak diske yazmadı. Bir dosyayı şifrelenene dek kendi cihazınızda tutmak için sayfayı JavaScript açıkken kullanın (Tor Browser'ın "Daha güvenli" düzeyi yeterli) ya da <code>darkroom submit</code>.
receipt-reference = Başvuru
receipt-day = Alındığı gün
receipt-label = Etiket
receipt-sealed-to = Mühürlendiği alıcılar
receipt-size = Şifreli boyut
receipt-size-bytes = { $size } bayt
receipt-sha256 = Zarfın SHA-256 değeri
thanks-keep = Bu makbuzu saklamak isteğe bağlıdır; biri bulursa sizi bu gönderiyle ilişkilendirebilir.

## A refusal

error-title = Yapılmadı
error-refused = Kabul edilmedi
error-failed = Bir şeyler ters gitti
error-nothing-stored = Hiçbir şey saklanmadı.

## Replies

inbox-title = Yanıtlar
inbox-heading = Haber merkezinden yanıtlar
inbox-intro = Bir şey gönderirken kod ad istediyseniz haber merkezi size burada yanıt verebilir. Kod adı size gösterildiği gibi tam olarak yazın.
inbox-newsroom = Yanıtlar burada <strong class="newsroom-name"></strong> kuruluşunun imza anahtarıyla denetlenir, <code class="newsroom-key"></code> (sözcüklerle <strong class="newsroom-fingerprint"></strong>): imzalamadığı bir yanıt sahte olarak işaretlenir. Anahtarı haber merkezinin yayımladığıyla karşılaştırın. Bu sekme, denetlediği bildirgenin <span class="newsroom-issued"></span> tarihinde yayımlandığını hatırlar ve siz sekmeyi kapatana dek daha eskisini reddeder.
inbox-here = Kod adınız <strong>bu tarayıcıda</strong> kalır: burada anahtarlara dönüştürülür ve yanıtlarınızın şifresi burada çözülür. Bu sunucu ne kod adı ne de yanıtları görür.
inbox-codename = Kod ad
inbox-open = Yanıtlarımı aç
inbox-replies = Yanıtlar
inbox-empty = Henüz yanıt yok.
inbox-delete-account = Hesabımı ve tüm yanıtları sil
inbox-plain-trust = Bu form JavaScript olmadan çalışır. O zaman <strong>bu sunucu</strong> kod adınızı anahtarlara dönüştürür, göstermek için yanıtlarınızın şifresini çözer ve sayfa gönderilince ikisini de unutur. Yanıtların şifresi yalnızca kendi cihazınızda çözülsün istiyorsanız JavaScript'i açın (Tor Browser'da "Daha güvenli" güvenlik düzeyi yeterli) ya da <code>darkroom inbox</code> kullanın.
inbox-plain-open = Yanıtlarımı aç (şifreyi sunucu çözer)
inbox-plain-off = Yanıtları okumak için bu sayfada JavaScript gerekir (Tor Browser'ın "Daha güvenli" düzeyi yeterli), çünkü şifreleri kendi cihazınızda çözülür; ya da komut satırı aracı: <code>darkroom inbox --server THIS-ADDRESS</code>.
inbox-server-decrypted = <strong>Şifreyi bu sunucu çözdü.</strong> Gelen kutunuzu düz formla açtınız; bu yüzden bu sunucu kod adınızı anahtarlara dönüştürdü ve göstermek için bu yanıtların şifresini çözdü. Kod adı da anahtarları da saklamadı ve unuttu. (Sayfa, JavaScript açıkken, Tor Browser'ın "Daha güvenli" düzeyinde de, yanıtları kendi cihazınızda açar; ya da <code>darkroom inbox</code> kullanın.)
inbox-signed = Haber merkezince imzalanmış (bu sunucu, bildirgesindeki anahtarla denetledi).
inbox-forged-unsigned = SAHTE: bu yanıtta haber merkezinin imzası yok; haber merkezi yazmadı, ona göre davranmayın
inbox-forged-signature = SAHTE: imzası haber merkezinin değil; haber merkezi yazmadı, ona göre davranmayın
inbox-forged-other-source = SAHTE: haber merkezi bunu başka birine yazdı ve size iletildi; ona göre davranmayın
inbox-unreadable = Bu yanıt açılamıyor; bu yüzden kimin yazdığını söyleyen hiçbir şey yok.
inbox-reply-heading = Yanıt { $seq }, haber merkezi tarafından { $day } tarihli
inbox-delete-reply = Bu yanıtı sil
inbox-back = Gelen kutusuna dön
inbox-form-expired = Formun süresi doldu ya da güvenlik belirteci eksik; yeniden deneyin.
inbox-session-ended = Oturumunuz sona erdi; kod adınızı yeniden yazın.
inbox-deleted-account = Hesabınız ve ona gelen tüm yanıtlar silindi. Kod adınız artık hiçbir şey açmaz; haber merkezi gönderdiklerinizi, artık bir kod ada bağlı olmadan saklar.
inbox-deleted-reply = Yanıt silindi. Diğerlerini okumak için kod adınızı yeniden yazın: bu sunucu onları açtığı anahtarı saklamadı.

## Verifying

verify-title = Bir kanıtı doğrula
verify-heading = Bir köken kanıtını doğrula
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">Bu denetleyiciyi tek dosya olarak kaydedin</a>: çevrimdışı çalışır, içinde bu haber merkezinin imzalı bildirgesi ve anahtarları vardır.
verify-bundle-heading = Bir kanıt paketini denetle
verify-valid = GEÇERLİ
verify-invalid = GEÇERSİZ
verify-intro = Bir kanıt paketi (<code>.proof.json</code> ya da ikili), bir fotoğrafın bir kayıttaki bir cihazla, bir zaman aralığında ve bir bölgede çekildiğini, fotoğrafı ya da cihazı açığa vurmadan gösterir. Bu sayfa <code>darkroom verify</code> ile aynı kararı verir. İsterseniz kanıtın o fotoğrafa ait olduğunu denetlemek için fotoğrafı ve açılışını ekleyin: fotoğraf bellekte denetlenir ve saklanmaz, ama bu sunucuya ulaşır; kendi makinenizde kalsın istiyorsanız <code>darkroom verify --image</code> kullanın.
verify-bundle = Kanıt paketi
verify-photo = Fotoğraf (isteğe bağlı)
verify-opening = Açılış, <code>0x…</code> ya da açılış dosyasının metni (isteğe bağlı, fotoğrafla birlikte)
verify-submit = Doğrula
verify-registries = Bu haber merkezi şu cihaz kayıtlarına güvenir:
verify-no-key = Bu sunucuda yapılandırılmış bir köken doğrulama anahtarı yok. <code>darkroom verify</code> kullanın.
verify-published-heading = Yayımlanmış bir fotoğrafı denetle
verify-published-intro = İmzalı bir fotoğrafın bir bölümünü (kırpılmış, bazı alanları gizlenmiş) yayımlayan bir haber merkezi, onunla birlikte bir yayın paketi verir. Bu denetim tarayıcınızda çalışır: fotoğraf bu bilgisayarda okunur ve hiçbir yere gönderilmez. Görüntünün güvenilir bir cihazın çekiminden dokunulmamış bir parça olup olmadığını gösterir ve yayımlayanın gizlediği yerleri çizer.
verify-published-key = Haber merkezinin anahtarı (<code>RW…</code>): haber merkezinin kendi web sitesinde yayımladığıyla karşılaştırın
verify-published-bundle = Yayın paketi
verify-published-photo = Yayımlanmış fotoğraf
verify-published-check = Denetle
verify-offline-intro = Bu dosya, { $newsroom } kuruluşunun bir Darkroom yayın paketiyle yayımladığı fotoğrafları denetler. Hiçbir ağ bağlantısı açmaz (güvenlik ilkesi hepsini yasaklar); içinde haber merkezinin { $saved } tarihinde kaydedilmiş imzalı bildirgesi ve kanıt doğrulama anahtarı vardır. Yalnızca aşağıdaki anahtar haber merkezinin kendi web sitesinde yayımladığıysa ona güvenin.

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = burada böyle bir sayfa yok
refuse-storage = sunucu bunu saklayamadı; hiçbir şey tutulmadı; daha sonra yeniden deneyin
refuse-stalled = yükleme takıldı ve kesildi; hiçbir şey saklanmadı; yeniden deneyin
refuse-too-slow = yükleme çok yavaş ve kesildi; hiçbir şey saklanmadı; yeniden deneyin
refuse-cut-short = yükleme yarıda kesildi ya da geçerli bir form yüklemesi değil; hiçbir şey saklanmadı; yeniden deneyin
refuse-too-large = yükleme bu sunucunun kabul ettiğinden büyük ({ $mib } MiB); hiçbir şey saklanmadı
refuse-disk = gönderi kutusunun disk alanı azaldı; hiçbir şey saklanmadı; daha sonra yeniden deneyin
refuse-busy = sunucu başka yüklemelerle meşgul; hiçbir şey saklanmadı; birkaç dakika sonra yeniden deneyin
refuse-took-too-long = yükleme çok uzun sürdü; hiçbir şey saklanmadı; daha hızlı bir bağlantıyla yeniden deneyin
refuse-no-server-sealing = bu sunucu dosyaları kendisi mühürlemez; dosyayı kendi cihazınızda <code>darkroom submit</code> ile mühürleyin
refuse-not-upload = formu dosya yüklemesi olarak gönderin
refuse-not-text = mesaj metin değil
refuse-form-order = mesaj ve olduğu gibi gönderme seçimi formda dosyadan önce gelmeli
refuse-plain-field = beklenmeyen form alanı; <code>message</code>, <code>send_as_is</code> ve <code>file</code> gönderin
refuse-choose-file = göndermek için bir dosya seçin
refuse-empty-file = dosya boş
refuse-no-verifier = bu sunucunun doğrulama anahtarı yok; <code>darkroom verify</code> kullanın
refuse-verify-field = beklenmeyen form alanı
refuse-choose-bundle = bir kanıt paketi seçin
refuse-publication-photo = bir yayın paketi yayımlanmış fotoğrafla denetlenir: onu ekleyin
refuse-opening = açılış 0x ve 64 onaltılık rakam olmalı, ya da newsroom open komutunun yazdığı açılış dosyası
refuse-photo-and-opening = bir fotoğrafı denetlemek için hem fotoğrafı hem de açılışını verin
refuse-check-failed = denetim tamamlanamadı; hiçbir şey tutulmadı; daha sonra yeniden deneyin
refuse-no-account = bu kod adla eşleşen bir hesap yok; her sözcüğü denetleyin (hesap silinmiş ya da gönderdiği her şeyle birlikte süresi dolmuş da olabilir)
refuse-no-codenames = bu gönderi kutusu kod ad vermiyor
refuse-inbox-on-device = bu gönderi kutusu yanıtları yalnızca kendi cihazınızda okur: yanıtlar sayfası için JavaScript ve WebAssembly'yi açın ya da <code>darkroom inbox</code> kullanın
refuse-inbox-token = bu formun güvenlik belirteci eksik ya da süresi dolmuş; gelen kutusuna dönüp yeniden deneyin
refuse-no-reply = böyle bir yanıt yok
refuse-journalist-token = bu formun güvenlik belirteci eksik ya da süresi dolmuş; sayfayı yenileyip yeniden deneyin
refuse-no-submission = böyle bir gönderi yok
refuse-no-proof = bu gönderinin kanıtı yok
refuse-select-export = dışa aktarmak için en az bir gönderi seçin
refuse-no-source = böyle bir kaynak yok (hesabını silmiş olabilir)
refuse-reply-field = beklenmeyen form alanı; <code>csrf</code> ve <code>sealed</code> gönderin
refuse-choose-reply = mühürlü yanıt dosyasını seçin

## Labels, as the receipt and the journalist's list say them

label-proof-attached = kanıt eklendi
label-proof-attached-journalist = kanıt eklendi; içerikle eşleştiği yalnızca çevrimdışı açıldığında denetlenir
label-no-proof = kanıt yok
label-sealed-by-server = sunucu tarafından mühürlendi
sealed-by-server = bu sunucu tarafından, formdan
sealed-on-device = kaynağın cihazında

## The journalist's pages

journalist-login-title = Gazeteci girişi
journalist-name = Ad
journalist-password = Parola
journalist-code = Kimlik doğrulama uygulamanızdaki kod
journalist-log-in = Giriş yap
journalist-login-expired = Giriş formunun süresi doldu ya da güvenlik belirteci eksik; yeniden deneyin.
journalist-login-busy = Bekleyen çok fazla giriş denemesi var; birkaç dakika sonra yeniden deneyin.
journalist-login-wrong = Ad, parola ya da kod yanlış.
journalist-submissions = Gönderiler
journalist-log-out = Çıkış yap
journalist-none = Gönderi yok.
journalist-designation = Tanım
journalist-source = Kaynak
journalist-arrived = Geliş
journalist-size = Boyut
journalist-sealed = Mühürlenme
journalist-provenance = Köken
journalist-select-one = { $designation } seç
journalist-envelope = zarf
journalist-proof = kanıt
journalist-delete = Sil
journalist-export-selected = Seçilenleri dışa aktar
journalist-export-all = Tümünü dışa aktar
journalist-exports = Dışa aktarımlar, haber merkezinin çevrimdışı makinesi için tar arşivleridir: orada <code>darkroom newsroom open</code> zarfların şifresini çözer, <code>sha256sum -c SHA256SUMS</code> de kopyalananları denetler.
journalist-source-heading = Kaynak <code>{ $designation }</code>
journalist-all-submissions = Tüm gönderiler
journalist-source-sent = Bu kaynağın gönderdikleri
journalist-nothing-kept = Hiçbir şey saklanmıyor.
journalist-replies = Yanıtlar
journalist-reply-row = { $day }: mühürlü, { $size }
journalist-replies-sealed = Yanıtlar bu kaynağın kod ad anahtarına ve haber merkezinin anahtarlarına mühürlenir. Bu sunucu onları okuyamaz; kaynak okuyabilir, haber merkezinin çevrimdışı makinesi de.
journalist-reply = Yanıtla
journalist-reply-offline = Yanıtlar, kaynağın onları bu sunucunun uydurabileceği her şeyden ayırt edebilmesi için, haber merkezinin çevrimdışı makinesinde haber merkezinin imza anahtarıyla yazılır ve imzalanır. Yanıtı orada bir dosyaya yazın, sonra şunu çalıştırın:
journalist-reply-check = Alıcıyı kaynağın zarfında mühürlü olanla karşılaştırın (<code>darkroom newsroom open</code> onu gösterir, <code>newsroom reply --report report.json --source { $designation }</code> da oradan alır), sonra mühürlü yanıtı buraya yükleyin:
journalist-sealed-reply = Mühürlü yanıt
journalist-upload-reply = Mühürlü yanıtı yükle
journalist-reply-stored = Mühürlü yanıt saklandı; kaynak onu gelen kutusunda görecek.
