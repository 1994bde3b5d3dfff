//! What every finding means and what to check next, in Japanese and
//! English, with links to Microsoft Learn.

use super::*;

type Texts = (&'static str, &'static str, &'static [&'static str]);

pub(super) fn finding_texts(id: FindingId) -> (Texts, Texts, &'static [Link]) {
    use FindingId as F;
    match id {
        F::NotALog => (
            (
                "ネットワーク確認ログではありません",
                "このファイルからは、疎通確認スクリプトのコマンド結果 (##TRY!! の行) を読み取れませんでした。",
                &["Check_Backup_NW_Linux_verX.X.sh が出力した CheckNWResult_<ホスト名>_<日時>.log を、編集せずにそのまま選んでください。"],
            ),
            (
                "This is not a network-check log",
                "No command results of the network-check script (the ##TRY!! lines) could be read from this file.",
                &["Choose the CheckNWResult_<host>_<date>.log file written by Check_Backup_NW_Linux_verX.X.sh, as it is."],
            ),
            &[LINK_READING],
        ),
        F::LogTruncated => (
            (
                "ログが途中で終わっています",
                "スクリプトが最後まで実行されていません (Ctrl+C で中断された、ディスクがいっぱいになった、ログの一部だけが貼り付けられた等)。ログは最後のブロックの途中か直後で終わっており、それ以降の宛先は確認されていません。",
                &[
                    "スクリプトを最後まで実行し直してください。時間がかかるのは通信がタイムアウトしているためで、それ自体が手がかりになります。",
                    "新しいログをもう一度ここで確認してください。",
                ],
            ),
            (
                "The log ends in the middle of the run",
                "The script did not run to the end (stopped with Ctrl+C, disk full, only part of the log pasted, ...). The log ends inside or right after its last block, and the destinations after it were not checked.",
                &[
                    "Run the script again until it finishes. A slow run means connections are timing out, which is itself a clue.",
                    "Check the new log here again.",
                ],
            ),
            &[LINK_READING],
        ),
        F::DnsFailure => (
            (
                "名前解決できない宛先があります",
                "nslookup (または nc・curl) で IP アドレスが得られませんでした (タイムアウト、NXDOMAIN、SERVFAIL など)。名前解決できない宛先には直接接続できません (プロキシ経由の通信では、名前はプロキシが解決します)。",
                &[
                    "/etc/resolv.conf の DNS サーバーを確認してください。Azure 既定の DNS は 168.63.129.16 です。",
                    "カスタム DNS サーバーを使う場合は、Azure のパブリックな名前を解決できるよう、168.63.129.16 (または外部の DNS) へのフォワーダーを設定してください。",
                    "プライベート エンドポイントを使う場合は、privatelink ゾーンのレコードと仮想ネットワーク リンクを確認してください。",
                    "DNS サーバーへの UDP/TCP 53 番が NSG やファイアウォールで許可されているか確認してください。",
                ],
            ),
            (
                "Some names do not resolve",
                "nslookup (or nc, curl) got no IP address (timeout, NXDOMAIN, SERVFAIL, ...). A destination whose name does not resolve cannot be reached directly (through a proxy, the proxy resolves the name).",
                &[
                    "Check the DNS servers in /etc/resolv.conf. Azure's default DNS is 168.63.129.16.",
                    "With a custom DNS server, forward public Azure names to 168.63.129.16 (or to a public resolver).",
                    "With private endpoints, check the records of the privatelink zones and their virtual network links.",
                    "Make sure UDP/TCP 53 to the DNS server is allowed by NSGs and firewalls.",
                ],
            ),
            &[LINK_DNS, LINK_WIRESERVER, LINK_PE],
        ),
        F::FileRecoveryPortBlocked => (
            (
                "ファイルの回復に必要な TCP 3260 番が通りません",
                "ファイルの回復 (ILR) スクリプトは iSCSI (TCP 3260 番) で回復ポイントに接続しますが、その接続が確立できませんでした。プロキシは iSCSI を中継できないため、プロキシ環境でも直接の通信が必要です。",
                &[
                    "NSG・Azure Firewall・オンプレミスのファイアウォールで、サービス タグ AzureBackup (または pod01-rec2.<geo>.backup.windowsazure.com) への送信 TCP 3260 番を許可してください。",
                    "ルート テーブル (UDR) で 0.0.0.0/0 が NVA やオンプレミスへ強制トンネリングされていないか確認してください。",
                    "プロキシ経由でしか外部へ出られない場合は、直接通信できる別のマシンでファイルの回復を行ってください。",
                ],
            ),
            (
                "TCP 3260 for file recovery is blocked",
                "The file recovery (ILR) script reaches the recovery point over iSCSI (TCP 3260), and that connection could not be made. Proxies cannot carry iSCSI, so a direct path is needed even where a proxy is used.",
                &[
                    "Allow outbound TCP 3260 to the AzureBackup service tag (or pod01-rec2.<geo>.backup.windowsazure.com) in NSGs, Azure Firewall and on-premises firewalls.",
                    "Check route tables (UDR): 0.0.0.0/0 forced through an NVA or on-premises also carries this traffic.",
                    "Where the only way out is a proxy, run file recovery on another machine with direct access.",
                ],
            ),
            &[LINK_ILR, LINK_SERVICE_TAGS],
        ),
        F::FileRecoveryDownloadBlocked => (
            (
                "ファイルの回復に必要な download.microsoft.com に届きません",
                "ファイルの回復スクリプトは download.microsoft.com (TCP 443 番) から必要なコンポーネントを取得しますが、その通信が確立できませんでした。",
                &["サービス タグ AzureFrontDoor.FirstParty、または download.microsoft.com への送信 TCP 443 番を許可してください。"],
            ),
            (
                "download.microsoft.com, needed for file recovery, is unreachable",
                "The file recovery script downloads its components from download.microsoft.com (TCP 443), and that connection could not be made.",
                &["Allow outbound TCP 443 to the AzureFrontDoor.FirstParty service tag or to download.microsoft.com."],
            ),
            &[LINK_ILR, LINK_SERVICE_TAGS],
        ),
        F::BackupUnreachable => (
            (
                "Azure Backup に届きません",
                "Azure Backup の宛先 (*.backup.windowsazure.com) への TCP または HTTPS の通信が確立できませんでした。SQL Server / SAP HANA のワークロード バックアップ、MARS エージェント、ファイルの回復にはこの通信が必要です。",
                &[
                    "NSG ではサービス タグ AzureBackup、Azure Firewall では FQDN タグ AzureBackup への送信 TCP 443 番を許可してください。",
                    "ルート テーブル (UDR) やオンプレミスのファイアウォール、ウイルス対策ソフトで遮断されていないか確認してください。",
                    "プロキシを使う場合は、バックアップ エージェントにも同じプロキシを設定してください。",
                ],
            ),
            (
                "Azure Backup is unreachable",
                "TCP or HTTPS to the Azure Backup destinations (*.backup.windowsazure.com) could not be established. Workload backup (SQL Server, SAP HANA), the MARS agent and file recovery need it.",
                &[
                    "Allow outbound TCP 443 to the AzureBackup service tag in NSGs, or the AzureBackup FQDN tag in Azure Firewall.",
                    "Check route tables (UDR), on-premises firewalls and antivirus software.",
                    "Where a proxy is used, set the same proxy for the backup agent.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS, LINK_SERVICE_TAGS],
        ),
        F::StorageUnreachable => (
            (
                "Azure Storage に届きません",
                "Azure Storage の宛先 (*.blob.core.windows.net、*.queue.core.windows.net、*.blob.storage.azure.net) への TCP または HTTPS の通信が確立できませんでした。バックアップ データの転送にはこの通信が必要です。",
                &[
                    "NSG / Azure Firewall でサービス タグ Storage (リージョン指定も可) への送信 TCP 443 番を許可してください。",
                    "ルート テーブル (UDR) やオンプレミスのファイアウォールで遮断されていないか確認してください。",
                ],
            ),
            (
                "Azure Storage is unreachable",
                "TCP or HTTPS to the Azure Storage destinations (*.blob.core.windows.net, *.queue.core.windows.net, *.blob.storage.azure.net) could not be established. Backup data travels this way.",
                &[
                    "Allow outbound TCP 443 to the Storage service tag (regional tags work too) in NSGs and Azure Firewall.",
                    "Check route tables (UDR) and on-premises firewalls.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS, LINK_SERVICE_TAGS],
        ),
        F::EntraIdUnreachable => (
            (
                "Microsoft Entra ID に届きません",
                "Microsoft Entra ID の宛先 (login.microsoftonline.com など) への TCP または HTTPS の通信が確立できませんでした。バックアップの認証にはこの通信が必要です。Entra ID はプライベート エンドポイントを使えないため、プライベート エンドポイント環境でも許可が必要です。",
                &[
                    "NSG / Azure Firewall でサービス タグ AzureActiveDirectory への送信 TCP 443 番を許可してください。",
                    "プロキシでテナント制限をかけている場合は、バックアップ用テナントへのアクセスも許可してください。",
                ],
            ),
            (
                "Microsoft Entra ID is unreachable",
                "TCP or HTTPS to the Microsoft Entra ID destinations (login.microsoftonline.com, ...) could not be established. Backup authenticates this way. Entra ID has no private endpoints, so it must be allowed even where private endpoints are used.",
                &[
                    "Allow outbound TCP 443 to the AzureActiveDirectory service tag in NSGs and Azure Firewall.",
                    "If a proxy enforces tenant restrictions, allow the Azure Backup tenants too.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_SERVICE_TAGS],
        ),
        F::SiteRecoveryUnreachable => (
            (
                "Azure Site Recovery に届きません",
                "Azure Site Recovery の宛先 (*.hypervrecoverymanager.windowsazure.com) への通信が確立できませんでした。",
                &["NSG / Azure Firewall でサービス タグ AzureSiteRecovery への送信 TCP 443 番を許可してください。"],
            ),
            (
                "Azure Site Recovery is unreachable",
                "Connections to the Azure Site Recovery destinations (*.hypervrecoverymanager.windowsazure.com) could not be established.",
                &["Allow outbound TCP 443 to the AzureSiteRecovery service tag in NSGs and Azure Firewall."],
            ),
            &[LINK_ASR, LINK_SERVICE_TAGS],
        ),
        F::OtherUnreachable => (
            (
                "その他の宛先に届きません",
                "Azure Backup の既知のサービスに分類できない宛先への通信が確立できませんでした。",
                &["その宛先が必要かどうかを確認し、必要であればファイアウォールで許可してください。"],
            ),
            (
                "Other destinations are unreachable",
                "Connections to destinations outside the known Azure Backup services could not be established.",
                &["Check whether the destination is needed, and allow it in the firewall if it is."],
            ),
            &[],
        ),
        F::ProxyAuthRequired => (
            (
                "プロキシが認証を求めています (407)",
                "プロキシ サーバーが HTTP 407 (Proxy Authentication Required) を返し、Azure への接続を中継しませんでした。SQL Server / SAP HANA のワークロード バックアップは認証付きプロキシに対応していません。",
                &[
                    "Azure の宛先 (AzureBackup / Storage / AzureActiveDirectory) を認証なしで通すようプロキシを設定するか、プロキシを経由しない経路を用意してください。",
                    "MARS エージェントは、エージェント自身のプロキシ設定でのみ認証付きプロキシを使えます。",
                ],
            ),
            (
                "The proxy wants credentials (407)",
                "The proxy answered HTTP 407 (Proxy Authentication Required) and did not relay the connection to Azure. Workload backup (SQL Server, SAP HANA) does not support authenticated proxies.",
                &[
                    "Let the proxy pass the Azure destinations (AzureBackup, Storage, AzureActiveDirectory) without authentication, or provide a path that bypasses it.",
                    "The MARS agent can use an authenticated proxy only through its own proxy setting.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS],
        ),
        F::ProxyDenied => (
            (
                "プロキシが接続を拒否しました",
                "プロキシ サーバーが CONNECT 要求を拒否しました (403 など)。プロキシのポリシーでこの宛先が許可されていない可能性があります。",
                &["プロキシの許可リストに *.backup.windowsazure.com、*.blob.core.windows.net、*.queue.core.windows.net、*.blob.storage.azure.net、login.microsoftonline.com などを追加してください。"],
            ),
            (
                "The proxy refused the connection",
                "The proxy refused the CONNECT request (403 or similar): its policy probably does not allow this destination.",
                &["Add *.backup.windowsazure.com, *.blob.core.windows.net, *.queue.core.windows.net, *.blob.storage.azure.net, login.microsoftonline.com and the other destinations to the proxy's allow list."],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS],
        ),
        F::ProxyUnresolvable => (
            (
                "プロキシのホスト名を解決できません",
                "curl がプロキシ サーバーの名前を解決できませんでした (curl: (5))。",
                &[
                    "http_proxy / https_proxy の値 (ホスト名のつづりと書式) を確認してください。",
                    "プロキシのホスト名を DNS で解決できるか確認してください。",
                ],
            ),
            (
                "The proxy's host name does not resolve",
                "curl could not resolve the proxy server's name (curl: (5)).",
                &[
                    "Check the value of http_proxy / https_proxy (spelling and format).",
                    "Check that DNS resolves the proxy's host name.",
                ],
            ),
            &[LINK_DNS],
        ),
        F::TlsInterception => (
            (
                "TLS 通信が検査 (復号) されています",
                "サーバー証明書が信頼されませんでした (curl: (60) など)。ファイアウォールやプロキシが TLS を復号し、独自の証明書を提示している可能性が高いです。Azure Backup は、TLS インスペクションを有効にした Azure Firewall のアプリケーション ルールに対応していません。",
                &[
                    "ファイアウォール / プロキシで、Azure Backup・Azure Storage・Microsoft Entra ID の宛先を TLS インスペクションの対象外にしてください。",
                    "検査をしていない場合は、OS の CA 証明書 (ca-certificates パッケージ) が古くないか確認してください。",
                ],
            ),
            (
                "TLS is being inspected",
                "The server certificate was not trusted (curl: (60) or similar): a firewall or proxy most likely decrypts TLS and presents its own certificate. Azure Backup does not support Azure Firewall application rules with TLS inspection.",
                &[
                    "Exempt the Azure Backup, Azure Storage and Microsoft Entra ID destinations from TLS inspection in the firewall or proxy.",
                    "If nothing inspects TLS, check that the OS's CA certificates (the ca-certificates package) are current.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_TLS],
        ),
        F::DnsSinkhole => (
            (
                "DNS で遮断されている宛先があります (シンクホール)",
                "名前解決の答えが 0.0.0.0・127.0.0.1 などのループバック・:: だけでした。DNS フィルター (セキュリティ製品、DNS ファイアウォール、hosts ファイルなど) がこの名前を遮断しています。この名前への nc や curl の失敗 (または自分自身への接続) は、宛先ではなくこのマシン自身に向かった結果です。",
                &[
                    "/etc/hosts にこの名前の行が無いか確認してください。",
                    "DNS サーバー (カスタム DNS、DNS フォワーダー、Azure Firewall の DNS プロキシ、セキュリティ製品の DNS フィルター) のブロック リストから、Azure Backup・Azure Storage・Microsoft Entra ID の名前を除外してください。",
                    "除外した後、スクリプトを再実行して、名前がパブリック (またはプライベート エンドポイントの) IP アドレスに解決されることを確認してください。",
                ],
            ),
            (
                "Some names are blocked by DNS (sinkhole)",
                "The only answers for these names were 0.0.0.0, a loopback address (127.0.0.1, ...) or ::. A DNS filter (a security product, a DNS firewall, the hosts file) blocks them. Any nc or curl result for such a name (a failure, or a connection to this machine itself) went to this machine, not to the destination.",
                &[
                    "Check /etc/hosts for a line with this name.",
                    "Remove the Azure Backup, Azure Storage and Microsoft Entra ID names from the block list of the DNS server (custom DNS, DNS forwarder, Azure Firewall DNS proxy, a security product's DNS filter).",
                    "Then run the script again and check that the names resolve to public addresses (or to the private endpoint's).",
                ],
            ),
            &[LINK_DNS],
        ),
        F::TrafficIntercepted => (
            (
                "Azure ではないものが応答しています",
                "curl は HTTP の応答を受け取りましたが、その応答は宛先の Azure からではありませんでした: Microsoft 以外のホストへのリダイレクト (キャプティブ ポータル、認証ページ) か、プロキシ・セキュリティ機器・一般的な Web サーバー (squid、Zscaler、BlueCoat、FortiGate、nginx、Apache など) の Server / Via ヘッダーが付いた応答です。通信は途中で横取りされており、Azure には届いていません。",
                &[
                    "curl の出力にある Server・Via・Location ヘッダーで、応答した機器を確認してください。",
                    "その機器 (プロキシ、ファイアウォール、Web フィルター) で、Azure Backup・Azure Storage・Microsoft Entra ID の宛先を許可し、ブロック ページやリダイレクトの対象外にしてください。",
                    "TLS を復号している場合は、これらの宛先を TLS インスペクションの対象外にしてください。",
                ],
            ),
            (
                "Something other than Azure answered",
                "curl got an HTTP answer, but not from the Azure destination: a redirect to a host outside Microsoft's domains (a captive portal or a sign-in page), or an answer whose Server / Via header names a proxy, security appliance or generic web server (squid, Zscaler, BlueCoat, FortiGate, nginx, Apache, ...). The traffic is taken over on the way and does not reach Azure.",
                &[
                    "Look at the Server, Via and Location headers in curl's output to see which device answered.",
                    "On that device (proxy, firewall, web filter), allow the Azure Backup, Azure Storage and Microsoft Entra ID destinations and exempt them from block pages and redirects.",
                    "If it decrypts TLS, exempt these destinations from TLS inspection.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS],
        ),
        F::ProxyGatewayError => (
            (
                "プロキシ / ゲートウェイが宛先に接続できていません (502・503・504)",
                "プロキシまたはゲートウェイが 502 / 503 / 504 を返しました。このマシンからプロキシまでは届いていますが、プロキシ自身が宛先に接続できていません (プロキシからの送信が遮断されている、プロキシが名前を解決できない、プロキシの上位が落ちている等)。",
                &[
                    "プロキシのログで、この宛先への接続が失敗した理由 (名前解決、タイムアウト、上位プロキシ) を確認してください。",
                    "プロキシ (またはその先のファイアウォール) から Azure Backup・Azure Storage・Microsoft Entra ID への送信 TCP 443 番が許可されているか確認してください。",
                ],
            ),
            (
                "The proxy or gateway cannot reach the destination (502, 503, 504)",
                "A proxy or gateway answered 502, 503 or 504. This machine reaches the proxy, but the proxy itself could not connect to the destination (its outbound traffic is blocked, it cannot resolve the name, its upstream is down, ...).",
                &[
                    "Look in the proxy's log for why its connection to this destination failed (name resolution, timeout, upstream proxy).",
                    "Check that the proxy (or the firewall after it) allows outbound TCP 443 to Azure Backup, Azure Storage and Microsoft Entra ID.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS],
        ),
        F::ProxyCredentialsInLog => (
            (
                "ログにプロキシのパスワードが含まれています",
                "プロキシの URL に「ユーザー名:パスワード」が含まれています。この画面と書き出す内容ではパスワードを *** に置き換えていますが、元のログ ファイルには残っています。",
                &[
                    "元のログをそのまま添付しないでください。パスワードを伏せてから共有するか、このツールの要約や JSON を添付してください。",
                    "パスワードが第三者の目に触れた可能性がある場合は、変更を検討してください。",
                ],
            ),
            (
                "The log contains a proxy password",
                "A proxy URL carries user:password. nwcheck shows and exports it as ***, but the original log file still contains it.",
                &[
                    "Do not attach the original log as it is: mask the password first, or attach nwcheck's summary or JSON.",
                    "If others may have seen the password, consider changing it.",
                ],
            ),
            &[],
        ),
        F::ProxyNcInconclusive => (
            (
                "プロキシ環境では nc の結果では判断できません",
                "nc はプロキシを使わずに直接接続します。プロキシ経由で通信する環境では、nc の成否からプロキシ経由の通信の可否は分かりません。curl の結果で判断します。",
                &[
                    "curl の結果を確認してください。curl が HTTP の応答を得ていれば、プロキシ経由の通信はできています。",
                    "バックアップ エージェントにも同じプロキシが設定されているか確認してください (Linux VM エージェントは /etc/waagent.conf の HttpProxy.Host / HttpProxy.Port)。",
                ],
            ),
            (
                "Behind a proxy, nc results prove nothing",
                "nc connects directly and never uses the proxy. Where traffic goes through a proxy, nc succeeding or failing says nothing about the proxied path: curl decides.",
                &[
                    "Look at curl's results: an HTTP answer means the path through the proxy works.",
                    "Check that the backup agent uses the same proxy (for the Linux VM agent: HttpProxy.Host / HttpProxy.Port in /etc/waagent.conf).",
                ],
            ),
            &[LINK_READING],
        ),
        F::ProxyConfigured => (
            (
                "プロキシが設定されています",
                "http_proxy / https_proxy が設定されているか、curl がプロキシ経由で接続しました。",
                &[
                    "168.63.129.16 と 169.254.169.254 はプロキシの対象外 (no_proxy) にしてください。",
                    "SQL Server / SAP HANA のワークロード バックアップは、認証なしのプロキシのみに対応しています。",
                ],
            ),
            (
                "A proxy is set",
                "http_proxy / https_proxy is set, or curl connected through a proxy.",
                &[
                    "Exclude 168.63.129.16 and 169.254.169.254 from the proxy (no_proxy).",
                    "Workload backup (SQL Server, SAP HANA) supports only proxies without authentication.",
                ],
            ),
            &[LINK_WIRESERVER, LINK_SQL_NETWORK],
        ),
        F::PrivateEndpoint => (
            (
                "プライベート エンドポイントが使われています",
                "Azure Backup / Azure Storage の名前がプライベート IP アドレスに解決されました (プライベート エンドポイントまたはプライベート DNS ゾーン)。この場合、スクリプトが確認するパブリックな FQDN ではなく、コンテナー固有の FQDN (<vaultId>-ab-pod01-<svc>.privatelink.<geo>.backup.windowsazure.com など) への通信が重要です。",
                &[
                    "プライベート エンドポイント環境向けの手順で、コンテナー固有の FQDN への通信を確認してください。",
                    "Microsoft Entra ID はプライベート エンドポイントを使えないため、Entra ID への通信は別途許可が必要です。",
                ],
            ),
            (
                "Private endpoints are in use",
                "Azure Backup / Azure Storage names resolved to private IP addresses (a private endpoint or a private DNS zone). Then what matters are the vault's own FQDNs (<vaultId>-ab-pod01-<svc>.privatelink.<geo>.backup.windowsazure.com, ...), not the public FQDNs the script checks.",
                &[
                    "Check the vault's own FQDNs with the private-endpoint procedure.",
                    "Microsoft Entra ID has no private endpoints: allow it separately.",
                ],
            ),
            &[LINK_PE, LINK_PE_CHECK],
        ),
        F::NcMissing => (
            (
                "nc が無いか -z に対応していないため TCP を確認できていません",
                "nc コマンドがインストールされていないか、-z オプションに対応していない (Ncat 6.40 など) ため、TCP の確認は実行されていません。ネットワークの問題ではありません。",
                &[
                    "nc が無い場合は、インストールしてからスクリプトを再実行してください (例: sudo yum install nmap-ncat / sudo apt install netcat-openbsd / sudo zypper install netcat-openbsd)。",
                    "「invalid option -- 'z'」と出る場合、nc は入っていますが古い版です (RHEL / CentOS 7 の nmap-ncat は Ncat 6.40 で、yum で入れ直しても同じ版です)。nmap.org の新しい Ncat を入れるか、TCP の確認は省いて curl の結果で判断してください。",
                ],
            ),
            (
                "nc is missing or cannot do -z, so TCP was not checked",
                "The nc command is not installed or cannot do -z (Ncat 6.40, for example), so the TCP checks did not run. This is not a network problem.",
                &[
                    "If nc is missing, install it and run the script again (e.g. sudo yum install nmap-ncat, sudo apt install netcat-openbsd, sudo zypper install netcat-openbsd).",
                    "If it printed \"invalid option -- 'z'\", nc is there but too old (RHEL / CentOS 7's nmap-ncat is Ncat 6.40, and reinstalling it with yum gives the same version). Install a newer Ncat from nmap.org, or leave out the TCP checks and judge by curl's results.",
                ],
            ),
            &[LINK_READING],
        ),
        F::CurlMissing => (
            (
                "curl が無いため HTTPS を確認できていません",
                "curl コマンドがインストールされていないため、HTTPS の確認は実行されていません。ネットワークの問題ではありません。",
                &["curl をインストールしてからスクリプトを再実行してください。"],
            ),
            (
                "curl is missing, so HTTPS was not checked",
                "The curl command is not installed, so the HTTPS checks did not run. This is not a network problem.",
                &["Install curl and run the script again."],
            ),
            &[LINK_READING],
        ),
        F::NslookupMissing => (
            (
                "nslookup が無いため名前解決を確認できていません",
                "nslookup コマンドがインストールされていないため、名前解決の確認は実行されていません。ネットワークの問題ではありません。",
                &["bind-utils (RHEL 系) または dnsutils (Ubuntu / Debian) をインストールしてからスクリプトを再実行してください。"],
            ),
            (
                "nslookup is missing, so DNS was not checked",
                "The nslookup command is not installed, so the DNS checks did not run. This is not a network problem.",
                &["Install bind-utils (RHEL family) or dnsutils (Ubuntu, Debian) and run the script again."],
            ),
            &[LINK_READING],
        ),
        F::UnrecognizedOutput => (
            (
                "読み取れない出力があります",
                "nwcheck が知らない形式の出力がありました。推測はせず「不明」としています。",
                &[
                    "該当ブロックの生ログを確認してください。",
                    "サポートへのお問い合わせには、ログを添付してください。",
                ],
            ),
            (
                "Some output was not understood",
                "Some output is in a form nwcheck does not know. It is shown as unknown, never guessed.",
                &["Read the raw lines of those blocks.", "Attach the log when you contact support."],
            ),
            &[LINK_READING],
        ),
        F::RegionSpecificFqdn => (
            (
                "確認した FQDN はリージョンの一例です",
                "スクリプトは一部のリージョンの FQDN だけを確認しています (既定では東日本 (jpe)・西日本 (jpw)。どのリージョンかは各 FQDN の geo コードでわかります)。実際に通信が必要な FQDN は、Recovery Services コンテナーのリージョンによって変わります。また、確認対象の FQDN は予告なく変更される場合があります。",
                &["コンテナーのリージョンの geo コードに対応する FQDN (pod01-*.<geo>.backup.windowsazure.com) への通信も確認してください。"],
            ),
            (
                "The checked FQDNs are regional examples",
                "The script checks the FQDNs of a few regions only (by default Japan East (jpe) and Japan West (jpw); the geo code in each name tells which). The FQDNs that matter depend on the Recovery Services vault's region, and may change without notice.",
                &["Also check the FQDNs for your vault's region geo code (pod01-*.<geo>.backup.windowsazure.com)."],
            ),
            &[LINK_GEO, LINK_MARS_URLS],
        ),
    }
}
