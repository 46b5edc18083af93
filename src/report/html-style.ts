// The report page's stylesheet (inlined; allowed by the page's Content-Security-Policy hash).
export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--marginal:#9a6700;--marginal-bg:#fff8c5;
--error:#8250df;--error-bg:#fbefff;--na:#59636e;--na-bg:#eff2f5;--incomplete:#bc4c00;--incomplete-bg:#fff1e5}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1880px;margin:0 auto;padding:0 24px 48px}
h1{font-size:22px;margin:0}h2{font-size:17px;margin:28px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.top{display:flex;gap:20px;align-items:center;padding:18px 24px;border-bottom:1px solid var(--line);background:var(--soft)}
.top .sub{color:var(--muted);margin-top:2px}
.verdict{font-weight:700;font-size:20px;letter-spacing:.04em;padding:10px 18px;border-radius:8px;color:#fff;min-width:150px;text-align:center}
.verdict small{display:block;font-size:11px;font-weight:500;letter-spacing:0;opacity:.9}
.v-pass{background:var(--pass)}.v-fail{background:var(--fail)}.v-marginal,.v-warning{background:var(--marginal)}.v-error{background:var(--error)}.v-incomplete{background:var(--incomplete)}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:6px 28px;margin:16px 0 0;padding:0}
.meta.wide{grid-template-columns:1fr}.meta-more{margin:8px 0 0}.meta-more summary{cursor:pointer;color:var(--muted)}
.meta div{display:flex;gap:8px;min-width:0}.meta dt{color:var(--muted);flex:0 0 118px}.meta dd{margin:0;overflow-wrap:anywhere}.meta dd.mono{font-size:12px}
.banner{margin:16px 0 0;padding:10px 14px;border-radius:6px;border:1px solid}
.banner.incomplete{background:var(--incomplete-bg);border-color:var(--incomplete);color:#762c00}
.banner.warn{background:var(--marginal-bg);border-color:#d4a72c}
.banner ul{margin:4px 0 0;padding-left:18px}
.cards{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:128px;background:#fff}
.card .n{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums}.card .l{color:var(--muted);font-size:12.5px}
.card.pass .n{color:var(--pass)}.card.fail .n{color:var(--fail)}.card.marginal .n,.card.warning .n{color:var(--marginal)}.card.error .n,.card.input .n{color:var(--error)}.card.not-applicable .n{color:var(--na)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);font-weight:600;font-size:12.5px;color:var(--muted);white-space:nowrap;position:sticky;top:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.areas{width:100%}.areas td.zero{color:#b6bec7}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.o-pass{color:var(--pass);background:var(--pass-bg)}.o-fail{color:var(--fail);background:var(--fail-bg)}.o-marginal{color:var(--marginal);background:var(--marginal-bg)}
.o-error{color:var(--error);background:var(--error-bg)}.o-not-applicable{color:var(--na);background:var(--na-bg)}.o-none{color:#b6bec7}
.flag{display:inline-block;margin-left:4px;padding:0 6px;border-radius:4px;font-size:11px;border:1px solid #d4a72c;color:#7d4e00;background:var(--marginal-bg)}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 10px}
.filters label{color:var(--muted);font-size:12.5px;display:flex;gap:6px;align-items:center}
select,input[type=search],button{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
input[type=search]{width:260px}button{cursor:pointer}button:disabled{opacity:.45;cursor:default}
.chip{background:#ddf4ff;border:1px solid #54aeff;border-radius:12px;padding:2px 4px 2px 10px}
.chip button{border:0;background:none;padding:0 6px}
.pager{display:flex;gap:8px;align-items:center;margin:8px 0;color:var(--muted)}
.bar{display:inline-block;width:48px;height:8px;background:var(--soft);border-radius:2px;vertical-align:middle;margin-left:6px;position:relative;overflow:hidden}
.rows td.obs .bar{display:block;margin:4px 0 0 auto}
.bar i{position:absolute;left:0;top:0;bottom:0;background:var(--pass)}.bar i.neg{background:var(--fail)}.bar i.mar{background:#d4a72c}
.rows td.obs{font-variant-numeric:tabular-nums;white-space:nowrap}.rows td.id{white-space:nowrap}.rows .title{color:var(--muted);font-size:12.5px}.rows td.ttl{min-width:11em}.rows td.ttl .mono{overflow-wrap:anywhere}.rows details.title summary{cursor:pointer}
.rows td.ev{min-width:110px;max-width:210px;overflow-wrap:anywhere;font-size:12px}.rows td.src{min-width:90px;max-width:200px;font-size:12.5px}
.rows td.subj{min-width:120px;max-width:200px;overflow-wrap:anywhere;font-size:12.5px}.scroll{overflow-x:auto}.rows td.bound{min-width:96px;max-width:150px}.nw{white-space:nowrap}
.summary-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px;align-items:start}
@media (max-width:1100px){.summary-grid{grid-template-columns:1fr}}.rows tr.o-row-fail{background:#fff5f5}.rows tr.o-row-marginal{background:#fffdf0}.rows tr.o-row-error{background:#fcf7ff}
.matrix td.cell{text-align:center;padding:3px 4px}.matrix td.cell a{display:block;text-decoration:none;border-radius:4px;padding:1px 0;font-size:12px;font-weight:600}
.matrix td.name{max-width:420px;overflow-wrap:anywhere}.matrix td.name a{color:var(--fg)}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:14px}
.plot{border:1px solid var(--line);border-radius:8px;padding:8px}.plot h3{margin:0 0 4px;font-size:14px}.plot .note{color:var(--muted);font-size:12px}
.muted{color:var(--muted)}footer{margin-top:36px;color:var(--muted);font-size:12px}
@media print{.filters,.pager{display:none}th{position:static}}
`;
