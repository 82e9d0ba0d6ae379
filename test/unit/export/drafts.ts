/**
 * Drafts the export tests share: the repository's example response, a hostile draft (scripts, frames, event
 * handlers, javascript: links, external images, styles, raw HTML blocks, nested emphasis) and a confidential one.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const EXAMPLE_PATH = path.join(__dirname, '..', '..', '..', 'examples', 'response-2017-08-16.md');
export const example = (): string => readFileSync(EXAMPLE_PATH, 'utf8');

export const STRESS = `---
corresp: response
staff-letter: ./zz-unique-staff-letter.md
company: Frontmatter Unique Holdings
due: 2099-12-31
---

<!-- comment 17 -->

# Heading <script>alert('h')</script> kept

**17. Bold comment with *nested **deep** emphasis* and <u>under <b>bold-under</b></u>, ~~struck~~, <del>deleted</del>, <s>s-struck</s>, <ins>inserted</ins>, <strike>old strike</strike>.**

<script>alert("block script")</script>

<iframe src="https://evil.example/frame"></iframe>

<div onclick="steal()" style="color:red">Div text <u>kept underline</u><img src=x onerror=alert(1)></div>

<style>body { background: url(https://evil.example/bg.png) }</style>

Text with <span onmouseover="x()">span</span> and <a href="javascript:alert(1)">js link</a> and [md js](javascript:alert(2)) and [external](https://evil.example/page) and [edgar](https://www.sec.gov/Archives/edgar/data/1000180/000100018017000001/a.htm).

![external image](https://evil.example/logo.gif) ![local image](logo.jpg) ![png image](chart.png)

<img src="https://evil.example/pixel.jpg">

<form action="https://evil.example/post"><input type="text" name="q"><button onclick="go()">Go</button></form>

<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">

Inline <script>document.write('inline script')</script> and <iframe src="https://evil.example/i"></iframe> frame, x<sup>1</sup> H<sub>2</sub>O<br>broken <font color="red" onload="x()">font</font>.

| Item <u>added</u> | 2016 |
|:---|---:|
| <script>alert('cell')</script>Cash <b onclick="x">bold</b> | **1,234** |
| <u>Goodwill</u> | ~~99~~ |

---

> Quoted <b onmouseover="x">disclosure</b> with <u>additions</u>.

- item one
- item [[confidential: RMB 41.2 million]] secret
  1. nested *em*

\`\`\`html
<script>alert('code')</script>
\`\`\`

<!-- comment 18 -->

<?php echo 'pi'; ?>

<meta http-equiv="refresh" content="0;url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<base href="https://evil.example/">

<p style="page-break-before:always" onclick="x">Raw paragraph with <i>italic</i> text</p>

Last paragraph \\<u>escaped\\</u> & <notatag> 5 < 6 > 4 "quoted" ‘smart’ – — … ¥ 北京.
`;

export const CONFIDENTIAL = `---
corresp: response
---

<!-- confidential-treatment: Example Holdings, Inc. | EXH -->

Dear Staff:

**1. Provide the revenue from the two customers.**

Response: The Company recognized revenue of [[confidential: RMB 41.2 million]] and [[confidential: RMB **9.8** million]] from the two customers.

<!-- pagebreak -->

Second page text.

---

Third page text.
`;
