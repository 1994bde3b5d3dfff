//! The page's own words (buttons, headings, notices) in Japanese and
//! English. Verdicts, findings and their explanations come from
//! [`crate::explain`]; this module only names the parts of the page.

use crate::explain::Lang;

/// A fixed text of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Title,
    Tagline,
    Privacy,
    DropHere,
    DropRelease,
    ChooseFiles,
    PasteLabel,
    PastePlaceholder,
    CheckPasted,
    Sample,
    SampleHint,
    Language,
    LoadedLogs,
    Close,
    CloseLog,
    DismissNotices,
    NothingYet,
    FailuresOnly,
    MaskSwitch,
    MaskNote,
    CopyText,
    CopyMarkdown,
    DownloadJson,
    Print,
    Copied,
    Preparing,
    CopyFailed,
    Downloaded,
    HandOff,
    AtAGlance,
    Machine,
    Findings,
    NoFindings,
    WhatToCheck,
    LearnMore,
    ShowInLog,
    Destinations,
    Fqdn,
    Region,
    TcpPort,
    NotChecked,
    AllOkHidden,
    LogTitle,
    LogHint,
    Host,
    RunAt,
    Os,
    Kernel,
    Virtualization,
    Architecture,
    Addresses,
    DnsServer,
    Script,
    Proxy,
    ProxyNone,
    ProxySeenInCurl,
    ProxyPasswordMasked,
    ShowProxyLines,
    File,
    Encoding,
    Format,
    Lines,
    PastedText,
    SeeFinding,
    Footer,
    ReadFailed,
    PasteFailed,
    EmptyPaste,
    MoreChecks,
    EvidenceLine,
    Command,
    Notes,
    Cancel,
    Starting,
    Analyzing,
    Receiving,
    OpenAnother,
    DropHereTouch,
    HowToGet,
    HowToGetSteps,
    HowToGetLink,
    Samples,
    SampleAllOk,
    SampleFirewall,
    SampleProxy,
    SampleTls,
    SamplePrivateEndpoint,
    RootCauses,
    Details,
    Legend,
    LegendOk,
    LegendHttp,
    LegendFailed,
    LegendNotConclusive,
    LegendUnknown,
    LegendNotTested,
    NotTested,
    Reached,
    NotConclusive,
    Closed,
    Undo,
    CopyLines,
    LinesCopied,
    PrevEvidence,
    NextEvidence,
    RawNotMasked,
    MaskedShown,
    PasteOpen,
}

/// The text for `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    use Key as K;
    let (ja, en) = match key {
        K::Title => ("nwcheck: Azure Backup 疎通確認ログの判定", "nwcheck: verdicts for the Azure Backup network check"),
        K::Tagline => (
            "Azure Backup / Site Recovery の疎通確認スクリプトのログ (Linux: CheckNWResult_<ホスト名>_<日時>.log、Windows: AzureBackup_Check_NW_*.log / ASR_Check_NW_*.log) や、手で実行した確認コマンドの出力を読み取り、宛先ごと・確認ごとに結果と次に確認すべきことを示します。",
            "Reads the log of the Azure Backup / Site Recovery network-check scripts (Linux: CheckNWResult_<host>_<date>.log; Windows: AzureBackup_Check_NW_*.log, ASR_Check_NW_*.log) or the output of checks typed by hand, and gives a verdict for every destination and check, with what to check next.",
        ),
        K::Privacy => (
            "ログはこのブラウザーの中だけで読み取ります。どこにも送信・保存されません。ページが読み込むのは自身のファイルだけで、オフラインでも動きます。",
            "Your log is read inside this browser only: it is never uploaded or stored. The page loads nothing but its own files, sends nothing anywhere, and keeps working offline.",
        ),
        K::DropHere => (
            "ログ ファイルをここ (ページのどこでも可) にドロップ",
            "Drop log files here (anywhere on the page)",
        ),
        K::DropRelease => ("ドロップするとこのブラウザーの中で確認します", "Drop to check them in this browser"),
        K::ChooseFiles => ("ファイルを選択…", "Choose files…"),
        K::PasteLabel => ("またはログの内容を貼り付け", "Or paste the log's text"),
        K::PastePlaceholder => ("ログの内容 (#### 環境情報確認 #### から最後まで) をここに貼り付け", "Paste the whole log here, from its first line to its last"),
        K::CheckPasted => ("貼り付けた内容を確認", "Check pasted text"),
        K::Sample => ("サンプルのログで試す", "Try a sample log"),
        K::SampleHint => (
            "サンプル: プロキシが認証を求めている (407) マシンのログ",
            "Sample: a machine whose proxy asks for credentials (407)",
        ),
        K::Language => ("言語", "Language"),
        K::LoadedLogs => ("読み込んだログ", "Loaded logs"),
        K::Close => ("閉じる", "Close"),
        K::CloseLog => ("このログを閉じる", "Close this log"),
        K::DismissNotices => ("お知らせを消す", "Dismiss"),
        K::NothingYet => (
            "まだログがありません。ファイルをドロップするか、選択するか、貼り付けてください。",
            "No log yet. Drop, choose or paste one.",
        ),
        K::FailuresOnly => ("問題のある宛先だけ表示", "Show only destinations with problems"),
        K::MaskSwitch => ("ホスト名と IP アドレスを伏せる", "Mask host names and IP addresses"),
        K::MaskNote => (
            "ページの表示、印刷、コピーする要約、ダウンロードする JSON (ファイル名も) に適用されます。Microsoft の公開の宛先名はそのまま残ります。プロキシのパスワードは常に伏せています。",
            "Applies to the page, the print view, the copied summary and the downloaded JSON (its file name too). Microsoft's public destination names stay. Proxy passwords are always masked.",
        ),
        K::CopyText => ("要約をコピー (テキスト)", "Copy summary (text)"),
        K::CopyMarkdown => ("要約をコピー (Markdown)", "Copy summary (Markdown)"),
        K::DownloadJson => ("JSON をダウンロード", "Download JSON"),
        K::Print => ("印刷", "Print"),
        K::Copied => ("クリップボードにコピーしました。", "Copied to the clipboard."),
        K::Preparing => ("準備しています…", "Preparing…"),
        K::CopyFailed => (
            "自動でコピーできませんでした。下の欄の文字を選んでコピーしてください。",
            "Could not copy automatically. Select the text below and copy it.",
        ),
        K::Downloaded => ("JSON を保存しました。", "The JSON file was saved."),
        K::HandOff => ("サポート チケットへ", "For the support ticket"),
        K::AtAGlance => ("宛先ごとの結果", "Destinations at a glance"),
        K::Machine => ("確認したマシン", "The machine"),
        K::Findings => ("所見と次に確認すること", "Findings and what to check next"),
        K::NoFindings => ("所見はありません。", "No findings."),
        K::WhatToCheck => ("次に確認すること", "What to check next"),
        K::LearnMore => ("参考資料", "Learn more"),
        K::ShowInLog => ("ログの該当箇所を表示", "Show in the log"),
        K::Destinations => ("対象の宛先", "Destinations concerned"),
        K::Fqdn => ("宛先 (FQDN)", "Destination (FQDN)"),
        K::Region => ("リージョン", "Region"),
        K::TcpPort => ("TCP (ポート)", "TCP (port)"),
        K::NotChecked => ("このログでは確認されていません。", "Not checked in this log."),
        K::AllOkHidden => (
            "問題のある宛先はありません (問題のみ表示中)。",
            "No destination with problems (showing problems only).",
        ),
        K::LogTitle => ("ログ", "Log"),
        K::LogHint => ("強調表示された行が根拠です。", "The highlighted lines are the evidence."),
        K::Host => ("ホスト名", "Host"),
        K::RunAt => ("実行日時", "Run at"),
        K::Os => ("OS", "OS"),
        K::Kernel => ("カーネル", "Kernel"),
        K::Virtualization => ("仮想化", "Virtualization"),
        K::Architecture => ("アーキテクチャ", "Architecture"),
        K::Addresses => ("アドレス", "Addresses"),
        K::DnsServer => ("DNS サーバー", "DNS server"),
        K::Script => ("スクリプト", "Script"),
        K::Proxy => ("プロキシ", "Proxy"),
        K::ProxyNone => ("設定なし", "not set"),
        K::ProxySeenInCurl => (
            "curl の出力にプロキシ経由の接続 (Connection established) があります。",
            "curl's output shows a connection through a proxy (Connection established).",
        ),
        K::ProxyPasswordMasked => (
            "プロキシの URL にユーザー名とパスワードが含まれています。パスワードは *** で伏せています。",
            "The proxy URL carries a user name and password. The password is shown as ***.",
        ),
        K::ShowProxyLines => ("プロキシ設定の行を表示", "Show the proxy lines"),
        K::File => ("ファイル", "File"),
        K::Encoding => ("文字コード", "Encoding"),
        K::Format => ("形式", "Format"),
        K::Lines => ("行数", "Lines"),
        K::PastedText => ("貼り付けたテキスト", "Pasted text"),
        K::SeeFinding => ("関連する所見", "Related findings"),
        K::Footer => (
            "nwcheck はログをこのブラウザーの中だけで読み取ります。Cookie、アクセス解析、外部のフォントや CDN は使っていません。",
            "nwcheck reads logs inside this browser only. No cookies, no analytics, no external fonts or CDNs.",
        ),
        K::ReadFailed => ("ファイルを読み取れませんでした", "The file could not be read"),
        K::PasteFailed => ("貼り付けたテキストを解析できませんでした", "The pasted text could not be analyzed"),
        K::EmptyPaste => ("貼り付け欄が空です。", "The paste box is empty."),
        K::MoreChecks => ("件の確認 (ログを参照)", "more checks (see the log)"),
        K::EvidenceLine => ("根拠の行", "Evidence line"),
        K::Command => ("コマンド", "Command"),
        K::Notes => ("注意", "Notes"),
        K::Cancel => ("中止", "Cancel"),
        K::Starting => ("準備中", "Starting"),
        K::Analyzing => ("解析中", "Analyzing"),
        K::Receiving => ("結果を受け取り中", "Receiving the result"),
        K::OpenAnother => ("別のログを開く…", "Open another log…"),
        K::DropHereTouch => ("ログ ファイルを選んでください", "Choose the log file"),
        K::HowToGet => ("ログの取り方", "How to get the log"),
        K::HowToGetSteps => (
            "サポート ブログ (Azure Backup 疎通確認の依頼ページ) から、Linux は Check_Backup_NW_Linux_verX.X.sh (Site Recovery は Check_ASR_NW_Linux_A2A_ver1.0.sh) をダウンロードして bash で実行すると、実行したディレクトリに CheckNWResult_<ホスト名>_<日時>.log が書き出されます。Windows は Check_Backup_NW_verX.X.ps1 (Site Recovery は Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1) を管理者の PowerShell で実行すると、AzureBackup_Check_NW_<日時>.log (ASR_Check_NW_<日時>.log) が書き出されます。そのファイルを選んでください。",
            "From the Azure Backup support blog (its network-check request page), download Check_Backup_NW_Linux_verX.X.sh for Linux (Site Recovery: Check_ASR_NW_Linux_A2A_ver1.0.sh) and run it with bash: it writes CheckNWResult_<host>_<date>.log into the directory you ran it from. On Windows, run Check_Backup_NW_verX.X.ps1 (Site Recovery: Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1) in an administrator PowerShell: it writes AzureBackup_Check_NW_<date>.log (ASR_Check_NW_<date>.log). Choose that file.",
        ),
        K::HowToGetLink => ("サポート ブログ: 疎通確認スクリプトの案内", "Support blog: the network-check script"),
        K::Samples => ("サンプルのログで試す:", "Or try a sample log:"),
        K::SampleAllOk => ("すべて到達", "all reachable"),
        K::SampleFirewall => ("ファイアウォールで遮断", "firewall"),
        K::SampleProxy => ("プロキシ認証 (407)", "proxy 407"),
        K::SampleTls => ("TLS 検査", "TLS inspection"),
        K::SamplePrivateEndpoint => ("プライベート エンドポイント", "private endpoint"),
        K::RootCauses => ("原因 (影響の大きい順)", "Root causes, most important first"),
        K::Details => ("詳細と根拠", "Details and evidence"),
        K::Legend => ("記号の意味", "What the marks mean"),
        K::LegendOk => ("届いた", "reached"),
        K::LegendHttp => (
            "届いた (HTTP 404・403・400 など、HTTP の応答があれば経路は開いています)",
            "reached (any HTTP answer, 404, 403 or 400 included, means the path is open)",
        ),
        K::LegendFailed => ("失敗 (届かない)", "failed (not reached)"),
        K::LegendNotConclusive => (
            "判断材料にならない (プロキシ環境の nc)、または読み取れない出力",
            "not conclusive (nc behind a proxy), or output not understood",
        ),
        K::LegendUnknown => ("読み取れない出力", "output not understood"),
        K::LegendNotTested => ("スクリプトが確認していない", "not tested by the script"),
        K::NotTested => ("スクリプトが確認していない", "not tested by the script"),
        K::Reached => ("届いた", "reached"),
        K::NotConclusive => ("判断材料にならない", "not conclusive"),
        K::Closed => ("ログを閉じました", "Closed"),
        K::Undo => ("元に戻す", "Undo"),
        K::CopyLines => ("この行をコピー", "Copy these lines"),
        K::LinesCopied => ("コピーしました。", "Copied."),
        K::PrevEvidence => ("前の根拠", "Previous evidence"),
        K::NextEvidence => ("次の根拠", "Next evidence"),
        K::RawNotMasked => (
            "ここに表示される元のログは伏せられていません (コピーもできません)。",
            "The raw log here is not masked (and cannot be copied while masking is on).",
        ),
        K::MaskedShown => (
            "ページ、印刷、コピー、JSON のすべてでホスト名と IP アドレスを伏せています。",
            "Host names and IP addresses are masked on the page, in print, in the copied text and in the JSON.",
        ),
        K::PasteOpen => ("ログの内容を貼り付ける", "Paste the log's text"),
    };
    lang.pick(ja, en)
}

/// "Lines 12–15" / "行 12–15".
pub fn lines_label(lang: Lang, lines: [usize; 2]) -> String {
    let range = if lines[0] == lines[1] { lines[0].to_string() } else { format!("{}–{}", lines[0], lines[1]) };
    match lang {
        Lang::Ja => format!("{range} 行目"),
        Lang::En if lines[0] == lines[1] => format!("line {range}"),
        Lang::En => format!("lines {range}"),
    }
}

/// A file that is larger than the page reads.
pub fn too_large(lang: Lang, name: &str, bytes: f64, max_mb: usize) -> String {
    let mb = megabytes(bytes);
    match lang {
        Lang::Ja => format!(
            "{name}: ファイルが大きすぎます ({mb} MB)。読み取れるのは {max_mb} MB までです。疎通確認ログは通常 1 MB 未満なので、選んだファイルを確認してください。"
        ),
        Lang::En => format!(
            "{name}: the file is too large ({mb} MB). nwcheck reads files up to {max_mb} MB; a network-check log is usually under 1 MB, so check that this is the right file."
        ),
    }
}

/// Counts of checks by status for the banner: "36 checks: 30 OK, 6 failed".
pub fn counts(lang: Lang, total: usize, parts: &[(usize, &str)]) -> String {
    let parts: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, label)| format!("{label} {n}")).collect();
    match lang {
        Lang::Ja => format!("確認 {total} 件: {}", parts.join("、")),
        Lang::En => format!("{total} checks: {}", parts.join(", ")),
    }
}

/// The accessible name of a check button.
pub fn check_button_label(lang: Lang, kind: &str, fqdn: &str, cell: &str, status: &str, lines: [usize; 2]) -> String {
    match lang {
        Lang::Ja => format!("{fqdn} の {kind}: {status}、{cell}。{} のログを開く", lines_label(lang, lines)),
        Lang::En => format!("{kind} for {fqdn}: {status}, {cell}. Open the log at {}", lines_label(lang, lines)),
    }
}

/// The button under a card's table: "Show 50 more destinations (1,234 hidden)".
pub fn show_more_rows(lang: Lang, next: usize, hidden: usize) -> String {
    match lang {
        Lang::Ja => format!("さらに {next} 件の宛先を表示 (残り {hidden} 件)"),
        Lang::En => format!("Show {next} more destinations ({hidden} not shown)"),
    }
}

/// The last item of a finding's destination list: "and 12 more".
pub fn more_destinations(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("ほか {n} 件"),
        Lang::En => format!("and {n} more"),
    }
}

/// Megabytes with one decimal, written with integers (no float formatting
/// code in the wasm): `12.3`.
pub fn megabytes(bytes: f64) -> String {
    let tenths = (bytes / (1024.0 * 1024.0 / 10.0)).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The accessible name of a job's cancel button.
pub fn cancel_label(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!("{name} の読み込みを中止"),
        Lang::En => format!("Stop reading {name}"),
    }
}

/// " (run 2 of 3)" / " (2/3 回目の実行)", after a tab's name.
pub fn run_label(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::Ja => format!(" ({n}/{of} 回目の実行)"),
        Lang::En => format!(" (run {n} of {of})"),
    }
}

/// The notice for a file that holds several runs.
pub fn runs_notice(lang: Lang, name: &str, of: usize) -> String {
    match lang {
        Lang::Ja => format!("{name} には {of} 回分の実行結果が含まれていたため、実行ごとに分けて表示しています。"),
        Lang::En => format!("{name} holds {of} runs of the script: each is shown as its own report."),
    }
}
