/*! ITB webchat widget. Bundles socket.io-client, engine.io-client, engine.io-parser,
 socket.io-parser (MIT, Copyright (c) 2014-present Guillermo Rauch and Socket.IO contributors)
 and @socket.io/component-emitter (MIT, Copyright (c) 2014 Component contributors). */
(()=>{var It=Object.defineProperty;var Dt=(s,e)=>{for(var t in e)It(s,t,{get:e[t],enumerable:!0})};var A=Object.create(null);A.open="0";A.close="1";A.ping="2";A.pong="3";A.message="4";A.upgrade="5";A.noop="6";var X=Object.create(null);Object.keys(A).forEach(s=>{X[A[s]]=s});var $={type:"error",data:"parser error"};var Je=typeof Blob=="function"||typeof Blob<"u"&&Object.prototype.toString.call(Blob)==="[object BlobConstructor]",Xe=typeof ArrayBuffer=="function",$e=s=>typeof ArrayBuffer.isView=="function"?ArrayBuffer.isView(s):s&&s.buffer instanceof ArrayBuffer,j=({type:s,data:e},t,n)=>Je&&e instanceof Blob?t?n(e):We(e,n):Xe&&(e instanceof ArrayBuffer||$e(e))?t?n(e):We(new Blob([e]),n):n(A[s]+(e||"")),We=(s,e)=>{let t=new FileReader;return t.onload=function(){let n=t.result.split(",")[1];e("b"+(n||""))},t.readAsDataURL(s)};function Ye(s){return s instanceof Uint8Array?s:s instanceof ArrayBuffer?new Uint8Array(s):new Uint8Array(s.buffer,s.byteOffset,s.byteLength)}var Ee;function je(s,e){if(Je&&s.data instanceof Blob)return s.data.arrayBuffer().then(Ye).then(e);if(Xe&&(s.data instanceof ArrayBuffer||$e(s.data)))return e(Ye(s.data));j(s,!1,t=>{Ee||(Ee=new TextEncoder),e(Ee.encode(t))})}var Qe="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",Q=typeof Uint8Array>"u"?[]:new Uint8Array(256);for(let s=0;s<Qe.length;s++)Q[Qe.charCodeAt(s)]=s;var Ge=s=>{let e=s.length*.75,t=s.length,n,i=0,r,a,c,h;s[s.length-1]==="="&&(e--,s[s.length-2]==="="&&e--);let b=new ArrayBuffer(e),g=new Uint8Array(b);for(n=0;n<t;n+=4)r=Q[s.charCodeAt(n)],a=Q[s.charCodeAt(n+1)],c=Q[s.charCodeAt(n+2)],h=Q[s.charCodeAt(n+3)],g[i++]=r<<2|a>>4,g[i++]=(a&15)<<4|c>>2,g[i++]=(c&3)<<6|h&63;return b};var Ut=typeof ArrayBuffer=="function",G=(s,e)=>{if(typeof s!="string")return{type:"message",data:Ze(s,e)};let t=s.charAt(0);return t==="b"?{type:"message",data:Ft(s.substring(1),e)}:X[t]?s.length>1?{type:X[t],data:s.substring(1)}:{type:X[t]}:$},Ft=(s,e)=>{if(Ut){let t=Ge(s);return Ze(t,e)}else return{base64:!0,data:s}},Ze=(s,e)=>e==="blob"?s instanceof Blob?s:new Blob([s]):s instanceof ArrayBuffer?s:s.buffer;var et="",tt=(s,e)=>{let t=s.length,n=new Array(t),i=0;s.forEach((r,a)=>{j(r,!1,c=>{n[a]=c,++i===t&&e(n.join(et))})})},st=(s,e)=>{let t=s.split(et),n=[];for(let i=0;i<t.length;i++){let r=G(t[i],e);if(n.push(r),r.type==="error")break}return n};function nt(){return new TransformStream({transform(s,e){je(s,t=>{let n=t.length,i;if(n<126)i=new Uint8Array(1),new DataView(i.buffer).setUint8(0,n);else if(n<65536){i=new Uint8Array(3);let r=new DataView(i.buffer);r.setUint8(0,126),r.setUint16(1,n)}else{i=new Uint8Array(9);let r=new DataView(i.buffer);r.setUint8(0,127),r.setBigUint64(1,BigInt(n))}s.data&&typeof s.data!="string"&&(i[0]|=128),e.enqueue(i),e.enqueue(t)})}})}var Te;function oe(s){return s.reduce((e,t)=>e+t.length,0)}function ae(s,e){if(s[0].length===e)return s.shift();let t=new Uint8Array(e),n=0;for(let i=0;i<e;i++)t[i]=s[0][n++],n===s[0].length&&(s.shift(),n=0);return s.length&&n<s[0].length&&(s[0]=s[0].slice(n)),t}function it(s,e){Te||(Te=new TextDecoder);let t=[],n=0,i=-1,r=!1;return new TransformStream({transform(a,c){for(t.push(a);;){if(n===0){if(oe(t)<1)break;let h=ae(t,1);r=(h[0]&128)===128,i=h[0]&127,i<126?n=3:i===126?n=1:n=2}else if(n===1){if(oe(t)<2)break;let h=ae(t,2);i=new DataView(h.buffer,h.byteOffset,h.length).getUint16(0),n=3}else if(n===2){if(oe(t)<8)break;let h=ae(t,8),b=new DataView(h.buffer,h.byteOffset,h.length),g=b.getUint32(0);if(g>Math.pow(2,21)-1){c.enqueue($);break}i=g*Math.pow(2,32)+b.getUint32(4),n=3}else{if(oe(t)<i)break;let h=ae(t,i);c.enqueue(G(r?h:Te.decode(h),e)),n=0}if(i===0||i>s){c.enqueue($);break}}}})}var Se=4;function y(s){if(s)return Vt(s)}function Vt(s){for(var e in y.prototype)s[e]=y.prototype[e];return s}y.prototype.on=y.prototype.addEventListener=function(s,e){return this._callbacks=this._callbacks||{},(this._callbacks["$"+s]=this._callbacks["$"+s]||[]).push(e),this};y.prototype.once=function(s,e){function t(){this.off(s,t),e.apply(this,arguments)}return t.fn=e,this.on(s,t),this};y.prototype.off=y.prototype.removeListener=y.prototype.removeAllListeners=y.prototype.removeEventListener=function(s,e){if(this._callbacks=this._callbacks||{},arguments.length==0)return this._callbacks={},this;var t=this._callbacks["$"+s];if(!t)return this;if(arguments.length==1)return delete this._callbacks["$"+s],this;for(var n,i=0;i<t.length;i++)if(n=t[i],n===e||n.fn===e){t.splice(i,1);break}return t.length===0&&delete this._callbacks["$"+s],this};y.prototype.emit=function(s){this._callbacks=this._callbacks||{};for(var e=new Array(arguments.length-1),t=this._callbacks["$"+s],n=1;n<arguments.length;n++)e[n-1]=arguments[n];if(t){t=t.slice(0);for(var n=0,i=t.length;n<i;++n)t[n].apply(this,e)}return this};y.prototype.emitReserved=y.prototype.emit;y.prototype.listeners=function(s){return this._callbacks=this._callbacks||{},this._callbacks["$"+s]||[]};y.prototype.hasListeners=function(s){return!!this.listeners(s).length};var R=typeof Promise=="function"&&typeof Promise.resolve=="function"?e=>Promise.resolve().then(e):(e,t)=>t(e,0),w=typeof self<"u"?self:typeof window<"u"?window:Function("return this")(),rt="arraybuffer";function ce(s,...e){return e.reduce((t,n)=>(s.hasOwnProperty(n)&&(t[n]=s[n]),t),{})}var Mt=w.setTimeout,Ht=w.clearTimeout;function O(s,e){e.useNativeTimers?(s.setTimeoutFn=Mt.bind(w),s.clearTimeoutFn=Ht.bind(w)):(s.setTimeoutFn=w.setTimeout.bind(w),s.clearTimeoutFn=w.clearTimeout.bind(w))}var zt=1.33;function ot(s){return typeof s=="string"?Kt(s):Math.ceil((s.byteLength||s.size)*zt)}function Kt(s){let e=0,t=0;for(let n=0,i=s.length;n<i;n++)e=s.charCodeAt(n),e<128?t+=1:e<2048?t+=2:e<55296||e>=57344?t+=3:(n++,t+=4);return t}function he(){return Date.now().toString(36).substring(3)+Math.random().toString(36).substring(2,5)}function at(s){let e="";for(let t in s)s.hasOwnProperty(t)&&(e.length&&(e+="&"),e+=encodeURIComponent(t)+"="+encodeURIComponent(s[t]));return e}function ct(s){let e={},t=s.split("&");for(let n=0,i=t.length;n<i;n++){let r=t[n].split("=");e[decodeURIComponent(r[0])]=decodeURIComponent(r.slice(1).join("="))}return e}var le=class extends Error{constructor(e,t,n){super(e),this.description=t,this.context=n,this.type="TransportError"}},N=class extends y{constructor(e){super(),this.writable=!1,O(this,e),this.opts=e,this.query=e.query,this.socket=e.socket,this.supportsBinary=!e.forceBase64}onError(e,t,n){return super.emitReserved("error",new le(e,t,n)),this}open(){return this.readyState="opening",this.doOpen(),this}close(){return(this.readyState==="opening"||this.readyState==="open")&&(this.doClose(),this.onClose()),this}send(e){this.readyState==="open"&&this.write(e)}onOpen(){this.readyState="open",this.writable=!0,super.emitReserved("open")}onData(e){let t=G(e,this.socket.binaryType);this.onPacket(t)}onPacket(e){super.emitReserved("packet",e)}onClose(e){this.readyState="closed",super.emitReserved("close",e)}pause(e){}createUri(e,t={}){return e+"://"+this._hostname()+this._port()+this.opts.path+this._query(t)}_hostname(){let e=this.opts.hostname;return e.indexOf(":")===-1?e:"["+e+"]"}_port(){return this.opts.port&&(this.opts.secure&&Number(this.opts.port)!==443||!this.opts.secure&&Number(this.opts.port)!==80)?":"+this.opts.port:""}_query(e){let t=at(e);return t.length?"?"+t:""}};var Z=class extends N{constructor(){super(...arguments),this._polling=!1}get name(){return"polling"}doOpen(){this._poll()}pause(e){this.readyState="pausing";let t=()=>{this.readyState="paused",e()};if(this._polling||!this.writable){let n=0;this._polling&&(n++,this.once("pollComplete",function(){--n||t()})),this.writable||(n++,this.once("drain",function(){--n||t()}))}else t()}_poll(){this._polling=!0,this.doPoll(),this.emitReserved("poll")}onData(e){let t=n=>{if(this.readyState==="opening"&&n.type==="open"&&this.onOpen(),n.type==="close")return this.onClose({description:"transport closed by the server"}),!1;this.onPacket(n)};st(e,this.socket.binaryType).forEach(t),this.readyState!=="closed"&&(this._polling=!1,this.emitReserved("pollComplete"),this.readyState==="open"&&this._poll())}doClose(){let e=()=>{this.write([{type:"close"}])};this.readyState==="open"?e():this.once("open",e)}write(e){this.writable=!1,tt(e,t=>{this.doWrite(t,()=>{this.writable=!0,this.emitReserved("drain")})})}uri(){let e=this.opts.secure?"https":"http",t=this.query||{};return this.opts.timestampRequests!==!1&&(t[this.opts.timestampParam]=he()),!this.supportsBinary&&!t.sid&&(t.b64=1),this.createUri(e,t)}};var ht=!1;try{ht=typeof XMLHttpRequest<"u"&&"withCredentials"in new XMLHttpRequest}catch{}var lt=ht;function Wt(){}var Ae=class extends Z{constructor(e){if(super(e),typeof location<"u"){let t=location.protocol==="https:",n=location.port;n||(n=t?"443":"80"),this.xd=typeof location<"u"&&e.hostname!==location.hostname||n!==e.port}}doWrite(e,t){let n=this.request({method:"POST",data:e});n.on("success",t),n.on("error",(i,r)=>{this.onError("xhr post error",i,r)})}doPoll(){let e=this.request();e.on("data",this.onData.bind(this)),e.on("error",(t,n)=>{this.onError("xhr poll error",t,n)}),this.pollXhr=e}},B=class s extends y{constructor(e,t,n){super(),this.createRequest=e,O(this,n),this._opts=n,this._method=n.method||"GET",this._uri=t,this._data=n.data!==void 0?n.data:null,this._create()}_create(){var e;let t=ce(this._opts,"agent","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","autoUnref");t.xdomain=!!this._opts.xd;let n=this._xhr=this.createRequest(t);try{n.open(this._method,this._uri,!0);try{if(this._opts.extraHeaders){n.setDisableHeaderCheck&&n.setDisableHeaderCheck(!0);for(let i in this._opts.extraHeaders)this._opts.extraHeaders.hasOwnProperty(i)&&n.setRequestHeader(i,this._opts.extraHeaders[i])}}catch{}if(this._method==="POST")try{n.setRequestHeader("Content-type","text/plain;charset=UTF-8")}catch{}try{n.setRequestHeader("Accept","*/*")}catch{}(e=this._opts.cookieJar)===null||e===void 0||e.addCookies(n),"withCredentials"in n&&(n.withCredentials=this._opts.withCredentials),this._opts.requestTimeout&&(n.timeout=this._opts.requestTimeout),n.onreadystatechange=()=>{var i;n.readyState===3&&((i=this._opts.cookieJar)===null||i===void 0||i.parseCookies(n.getResponseHeader("set-cookie"))),n.readyState===4&&(n.status===200||n.status===1223?this._onLoad():this.setTimeoutFn(()=>{this._onError(typeof n.status=="number"?n.status:0)},0))},n.send(this._data)}catch(i){this.setTimeoutFn(()=>{this._onError(i)},0);return}typeof document<"u"&&(this._index=s.requestsCount++,s.requests[this._index]=this)}_onError(e){this.emitReserved("error",e,this._xhr),this._cleanup(!0)}_cleanup(e){if(!(typeof this._xhr>"u"||this._xhr===null)){if(this._xhr.onreadystatechange=Wt,e)try{this._xhr.abort()}catch{}typeof document<"u"&&delete s.requests[this._index],this._xhr=null}}_onLoad(){let e=this._xhr.responseText;e!==null&&(this.emitReserved("data",e),this.emitReserved("success"),this._cleanup())}abort(){this._cleanup()}};B.requestsCount=0;B.requests={};if(typeof document<"u"){if(typeof attachEvent=="function")attachEvent("onunload",ft);else if(typeof addEventListener=="function"){let s="onpagehide"in w?"pagehide":"unload";addEventListener(s,ft,!1)}}function ft(){for(let s in B.requests)B.requests.hasOwnProperty(s)&&B.requests[s].abort()}var Yt=(function(){let s=ut({xdomain:!1});return s&&s.responseType!==null})(),L=class extends Ae{constructor(e){super(e);let t=e&&e.forceBase64;this.supportsBinary=Yt&&!t}request(e={}){return Object.assign(e,{xd:this.xd},this.opts),new B(ut,this.uri(),e)}};function ut(s){let e=s.xdomain;try{if(typeof XMLHttpRequest<"u"&&(!e||lt))return new XMLHttpRequest}catch{}if(!e)try{return new w[["Active"].concat("Object").join("X")]("Microsoft.XMLHTTP")}catch{}}var pt=typeof navigator<"u"&&typeof navigator.product=="string"&&navigator.product.toLowerCase()==="reactnative",Re=class extends N{get name(){return"websocket"}doOpen(){let e=this.uri(),t=this.opts.protocols,n=pt?{}:ce(this.opts,"agent","perMessageDeflate","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","localAddress","protocolVersion","origin","maxPayload","family","checkServerIdentity");this.opts.extraHeaders&&(n.headers=this.opts.extraHeaders);try{this.ws=this.createSocket(e,t,n)}catch(i){return this.emitReserved("error",i)}this.ws.binaryType=this.socket.binaryType,this.addEventListeners()}addEventListeners(){this.ws.onopen=()=>{this.opts.autoUnref&&this.ws._socket.unref(),this.onOpen()},this.ws.onclose=e=>this.onClose({description:"websocket connection closed",context:e}),this.ws.onmessage=e=>this.onData(e.data),this.ws.onerror=e=>this.onError("websocket error",e)}write(e){this.writable=!1;for(let t=0;t<e.length;t++){let n=e[t],i=t===e.length-1;j(n,this.supportsBinary,r=>{try{this.doWrite(n,r)}catch{}i&&R(()=>{this.writable=!0,this.emitReserved("drain")},this.setTimeoutFn)})}}doClose(){typeof this.ws<"u"&&(this.ws.onerror=()=>{},this.ws.close(),this.ws=null)}uri(){let e=this.opts.secure?"wss":"ws",t=this.query||{};return this.opts.timestampRequests&&(t[this.opts.timestampParam]=he()),this.supportsBinary||(t.b64=1),this.createUri(e,t)}},Ce=w.WebSocket||w.MozWebSocket,P=class extends Re{createSocket(e,t,n){return pt?new Ce(e,t,n):t?new Ce(e,t):new Ce(e)}doWrite(e,t){this.ws.send(t)}};var M=class extends N{get name(){return"webtransport"}doOpen(){try{this._transport=new WebTransport(this.createUri("https"),this.opts.transportOptions[this.name])}catch(e){return this.emitReserved("error",e)}this._transport.closed.then(()=>{this.onClose()}).catch(e=>{this.onError("webtransport error",e)}),this._transport.ready.then(()=>{this._transport.createBidirectionalStream().then(e=>{let t=it(Number.MAX_SAFE_INTEGER,this.socket.binaryType),n=e.readable.pipeThrough(t).getReader(),i=nt();i.readable.pipeTo(e.writable),this._writer=i.writable.getWriter();let r=()=>{n.read().then(({done:c,value:h})=>{c||(this.onPacket(h),r())}).catch(c=>{})};r();let a={type:"open"};this.query.sid&&(a.data=`{"sid":"${this.query.sid}"}`),this._writer.write(a).then(()=>this.onOpen())})})}write(e){this.writable=!1;for(let t=0;t<e.length;t++){let n=e[t],i=t===e.length-1;this._writer.write(n).then(()=>{i&&R(()=>{this.writable=!0,this.emitReserved("drain")},this.setTimeoutFn)})}}doClose(){var e;(e=this._transport)===null||e===void 0||e.close()}};var Oe={websocket:P,webtransport:M,polling:L};var Jt=/^(?:(?![^:@\/?#]+:[^:@\/]*@)(http|https|ws|wss):\/\/)?((?:(([^:@\/?#]*)(?::([^:@\/?#]*))?)?@)?((?:[a-f0-9]{0,4}:){2,7}[a-f0-9]{0,4}|[^:\/?#]*)(?::(\d*))?)(((\/(?:[^?#](?![^?#\/]*\.[^?#\/.]+(?:[?#]|$)))*\/?)?([^?#\/]*))(?:\?([^#]*))?(?:#(.*))?)/,Xt=["source","protocol","authority","userInfo","user","password","host","port","relative","path","directory","file","query","anchor"];function H(s){if(s.length>8e3)throw"URI too long";let e=s,t=s.indexOf("["),n=s.indexOf("]");t!=-1&&n!=-1&&(s=s.substring(0,t)+s.substring(t,n).replace(/:/g,";")+s.substring(n,s.length));let i=Jt.exec(s||""),r={},a=14;for(;a--;)r[Xt[a]]=i[a]||"";return t!=-1&&n!=-1&&(r.source=e,r.host=r.host.substring(1,r.host.length-1).replace(/;/g,":"),r.authority=r.authority.replace("[","").replace("]","").replace(/;/g,":"),r.ipv6uri=!0),r.pathNames=$t(r,r.path),r.queryKey=jt(r,r.query),r}function $t(s,e){let t=/\/{2,9}/g,n=e.replace(t,"/").split("/");return(e.slice(0,1)=="/"||e.length===0)&&n.splice(0,1),e.slice(-1)=="/"&&n.splice(n.length-1,1),n}function jt(s,e){let t={};return e.replace(/(?:^|&)([^&=]*)=?([^&]*)/g,function(n,i,r){i&&(t[i]=r)}),t}var Ne=typeof addEventListener=="function"&&typeof removeEventListener=="function",fe=[];Ne&&addEventListener("offline",()=>{fe.forEach(s=>s())},!1);var D=class s extends y{constructor(e,t={}){var n,i;if(super(),this.binaryType=rt,this.writeBuffer=[],this._prevBufferLen=0,this._upgrades=[],this._pingInterval=-1,this._pingTimeout=-1,this._maxPayload=-1,this._pingTimeoutTime=1/0,e&&typeof e=="object"&&(t=e,e=null),e){let r=H(e);t.hostname=r.host,t.secure=r.protocol==="https"||r.protocol==="wss",t.port=r.port,r.query&&(t.query=r.query)}else t.host&&(t.hostname=H(t.host).host);if(O(this,t),this.secure=t.secure!=null?t.secure:typeof location<"u"&&location.protocol==="https:",t.hostname&&!t.port&&(t.port=this.secure?"443":"80"),this.hostname=t.hostname||(typeof location<"u"?location.hostname:"localhost"),this.port=t.port||(typeof location<"u"&&location.port?location.port:this.secure?"443":"80"),t.transportImplementations&&t.transports)throw new Error("specifying both 'transportImplementations' and 'transports' options is not supported");t.transportImplementations||!((n=t.transports)===null||n===void 0)&&n.length&&typeof t.transports[0]=="function"?(this.transports=[],this._transportsByName=Object.create(null),((i=t.transportImplementations)!==null&&i!==void 0?i:t.transports).forEach(r=>{let a=r.prototype.name;this.transports.push(a),this._transportsByName[a]=r})):(this.transports=t.transports?[...t.transports]:["polling","websocket","webtransport"],this._transportsByName=Oe),this.opts=Object.assign({path:"/engine.io",agent:!1,withCredentials:!1,upgrade:!0,timestampParam:"t",rememberUpgrade:!1,addTrailingSlash:!0,rejectUnauthorized:!0,perMessageDeflate:{threshold:1024},transportOptions:{},closeOnBeforeunload:!1},t),this.opts.path=this.opts.path.replace(/\/$/,"")+(this.opts.addTrailingSlash?"/":""),typeof this.opts.query=="string"&&(this.opts.query=ct(this.opts.query)),Ne&&(this.opts.closeOnBeforeunload&&(this._beforeunloadEventListener=()=>{this.transport&&(this.transport.removeAllListeners(),this.transport.close())},addEventListener("beforeunload",this._beforeunloadEventListener,!1)),this.hostname!=="localhost"&&(this._offlineEventListener=()=>{this._onClose("transport close",{description:"network connection lost"})},fe.push(this._offlineEventListener))),this.opts.withCredentials&&(this._cookieJar=void 0),this._open()}createTransport(e){let t=Object.assign({},this.opts.query);t.EIO=Se,t.transport=e,this.id&&(t.sid=this.id);let n=Object.assign({},this.opts,{query:t,socket:this,hostname:this.hostname,secure:this.secure,port:this.port},this.opts.transportOptions[e]);return new this._transportsByName[e](n)}_open(){if(this.transports.length===0){this.setTimeoutFn(()=>{this.emitReserved("error","No transports available")},0);return}let e=this.opts.rememberUpgrade&&s.priorWebsocketSuccess&&this.transports.indexOf("websocket")!==-1?"websocket":this.transports[0];this.readyState="opening";let t=this.createTransport(e);t.open(),this.setTransport(t)}setTransport(e){this.transport&&this.transport.removeAllListeners(),this.transport=e,e.on("drain",this._onDrain.bind(this)).on("packet",this._onPacket.bind(this)).on("error",this._onError.bind(this)).on("close",t=>this._onClose("transport close",t))}_probe(e){let t=this.createTransport(e),n=!1;s.priorWebsocketSuccess=!1;let i=()=>{n||(t.send([{type:"ping",data:"probe"}]),t.once("packet",v=>{if(!n)if(v.type==="pong"&&v.data==="probe"){if(this.upgrading=!0,this.emitReserved("upgrading",t),!t)return;s.priorWebsocketSuccess=t.name==="websocket",this.transport.pause(()=>{n||this.readyState!=="closed"&&(g(),this.setTransport(t),t.send([{type:"upgrade"}]),this.emitReserved("upgrade",t),t=null,this.upgrading=!1,this.flush())})}else{let E=new Error("probe error");E.transport=t.name,this.emitReserved("upgradeError",E)}}))};function r(){n||(n=!0,g(),t.close(),t=null)}let a=v=>{let E=new Error("probe error: "+v);E.transport=t.name,r(),this.emitReserved("upgradeError",E)};function c(){a("transport closed")}function h(){a("socket closed")}function b(v){t&&v.name!==t.name&&r()}let g=()=>{t.removeListener("open",i),t.removeListener("error",a),t.removeListener("close",c),this.off("close",h),this.off("upgrading",b)};t.once("open",i),t.once("error",a),t.once("close",c),this.once("close",h),this.once("upgrading",b),this._upgrades.indexOf("webtransport")!==-1&&e!=="webtransport"?this.setTimeoutFn(()=>{n||t.open()},200):t.open()}onOpen(){if(this.readyState="open",s.priorWebsocketSuccess=this.transport.name==="websocket",this.emitReserved("open"),this.flush(),this.readyState==="open"&&this.opts.upgrade)for(let e=0;e<this._upgrades.length;e++)this._probe(this._upgrades[e])}_onPacket(e){if(this.readyState==="opening"||this.readyState==="open"||this.readyState==="closing")switch(this.emitReserved("packet",e),this.emitReserved("heartbeat"),e.type){case"open":this.onHandshake(JSON.parse(e.data));break;case"ping":this._sendPacket("pong"),this.emitReserved("ping"),this.emitReserved("pong"),this._resetPingTimeout();break;case"error":let t=new Error("server error");t.code=e.data,this._onError(t);break;case"message":this.emitReserved("data",e.data),this.emitReserved("message",e.data);break}}onHandshake(e){this.emitReserved("handshake",e),this.id=e.sid,this.transport.query.sid=e.sid,this._upgrades=this._filterUpgrades(e.upgrades),this._pingInterval=e.pingInterval,this._pingTimeout=e.pingTimeout,this._maxPayload=e.maxPayload,this.onOpen(),this.readyState!=="closed"&&this._resetPingTimeout()}_resetPingTimeout(){this.clearTimeoutFn(this._pingTimeoutTimer);let e=this._pingInterval+this._pingTimeout;this._pingTimeoutTime=Date.now()+e,this._pingTimeoutTimer=this.setTimeoutFn(()=>{this._onClose("ping timeout")},e),this.opts.autoUnref&&this._pingTimeoutTimer.unref()}_onDrain(){this.writeBuffer.splice(0,this._prevBufferLen),this._prevBufferLen=0,this.writeBuffer.length===0?this.emitReserved("drain"):this.flush()}flush(){if(this.readyState!=="closed"&&this.transport.writable&&!this.upgrading&&this.writeBuffer.length){let e=this._getWritablePackets();this.transport.send(e),this._prevBufferLen=e.length,this.emitReserved("flush")}}_getWritablePackets(){if(!(this._maxPayload&&this.transport.name==="polling"&&this.writeBuffer.length>1))return this.writeBuffer;let t=1;for(let n=0;n<this.writeBuffer.length;n++){let i=this.writeBuffer[n].data;if(i&&(t+=ot(i)),n>0&&t>this._maxPayload)return this.writeBuffer.slice(0,n);t+=2}return this.writeBuffer}_hasPingExpired(){if(!this._pingTimeoutTime)return!0;let e=Date.now()>this._pingTimeoutTime;return e&&(this._pingTimeoutTime=0,R(()=>{this._onClose("ping timeout")},this.setTimeoutFn)),e}write(e,t,n){return this._sendPacket("message",e,t,n),this}send(e,t,n){return this._sendPacket("message",e,t,n),this}_sendPacket(e,t,n,i){if(typeof t=="function"&&(i=t,t=void 0),typeof n=="function"&&(i=n,n=null),this.readyState==="closing"||this.readyState==="closed")return;n=n||{},n.compress=n.compress!==!1;let r={type:e,data:t,options:n};this.emitReserved("packetCreate",r),this.writeBuffer.push(r),i&&this.once("flush",i),this.flush()}close(){let e=()=>{this._onClose("forced close"),this.transport.close()},t=()=>{this.off("upgrade",t),this.off("upgradeError",t),e()},n=()=>{this.once("upgrade",t),this.once("upgradeError",t)};return(this.readyState==="opening"||this.readyState==="open")&&(this.readyState="closing",this.writeBuffer.length?this.once("drain",()=>{this.upgrading?n():e()}):this.upgrading?n():e()),this}_onError(e){if(s.priorWebsocketSuccess=!1,this.opts.tryAllTransports&&this.transports.length>1&&this.readyState==="opening")return this.transports.shift(),this._open();this.emitReserved("error",e),this._onClose("transport error",e)}_onClose(e,t){if(this.readyState==="opening"||this.readyState==="open"||this.readyState==="closing"){if(this.clearTimeoutFn(this._pingTimeoutTimer),this.transport.removeAllListeners("close"),this.transport.close(),this.transport.removeAllListeners(),Ne&&(this._beforeunloadEventListener&&removeEventListener("beforeunload",this._beforeunloadEventListener,!1),this._offlineEventListener)){let n=fe.indexOf(this._offlineEventListener);n!==-1&&fe.splice(n,1)}this.readyState="closed",this.id=null,this.emitReserved("close",e,t),this.writeBuffer=[],this._prevBufferLen=0}}_filterUpgrades(e){let t=[];for(let n=0;n<e.length;n++)~this.transports.indexOf(e[n])&&t.push(e[n]);return t}};D.protocol=Se;var Sn=D.protocol;function dt(s,e="",t){let n=s;t=t||typeof location<"u"&&location,s==null&&(s=t.protocol+"//"+t.host),typeof s=="string"&&(s.charAt(0)==="/"&&(s.charAt(1)==="/"?s=t.protocol+s:s=t.host+s),/^(https?|wss?):\/\//.test(s)||(typeof t<"u"?s=t.protocol+"//"+s:s="https://"+s),n=H(s)),n.port||(/^(http|ws)$/.test(n.protocol)?n.port="80":/^(http|ws)s$/.test(n.protocol)&&(n.port="443")),n.path=n.path||"/";let r=n.host.indexOf(":")!==-1?"["+n.host+"]":n.host;return n.id=n.protocol+"://"+r+":"+n.port+e,n.href=n.protocol+"://"+r+(t&&t.port===n.port?"":":"+n.port),n}var Ie={};Dt(Ie,{Decoder:()=>Pe,Encoder:()=>Le,PacketType:()=>l,isPacketValid:()=>rs,protocol:()=>xt});var Gt=typeof ArrayBuffer=="function",Zt=s=>typeof ArrayBuffer.isView=="function"?ArrayBuffer.isView(s):s.buffer instanceof ArrayBuffer,mt=Object.prototype.toString,es=typeof Blob=="function"||typeof Blob<"u"&&mt.call(Blob)==="[object BlobConstructor]",ts=typeof File=="function"||typeof File<"u"&&mt.call(File)==="[object FileConstructor]";function te(s){return Gt&&(s instanceof ArrayBuffer||Zt(s))||es&&s instanceof Blob||ts&&s instanceof File}function ee(s,e){if(!s||typeof s!="object")return!1;if(Array.isArray(s)){for(let t=0,n=s.length;t<n;t++)if(ee(s[t]))return!0;return!1}if(te(s))return!0;if(s.toJSON&&typeof s.toJSON=="function"&&arguments.length===1)return ee(s.toJSON(),!0);for(let t in s)if(Object.prototype.hasOwnProperty.call(s,t)&&ee(s[t]))return!0;return!1}function gt(s){let e=[],t=s.data,n=s;return n.data=ue(t,e),n.attachments=e.length,{packet:n,buffers:e}}function ue(s,e,t){if(!s)return s;if(te(s)){let n={_placeholder:!0,num:e.length};return e.push(s),n}else if(Array.isArray(s)){let n=new Array(s.length);for(let i=0;i<s.length;i++)n[i]=ue(s[i],e);return n}else if(typeof s=="object"&&!(s instanceof Date)){if(s.toJSON&&typeof s.toJSON=="function"&&!t)return ue(s.toJSON(),e,!0);let n={};for(let i in s)Object.prototype.hasOwnProperty.call(s,i)&&(n[i]=ue(s[i],e));return n}return s}function yt(s,e){return s.data=Be(s.data,e),delete s.attachments,s}function Be(s,e){if(!s)return s;if(s&&s._placeholder===!0){if(typeof s.num=="number"&&s.num>=0&&s.num<e.length)return e[s.num];throw new Error("illegal attachments")}else if(Array.isArray(s))for(let t=0;t<s.length;t++)s[t]=Be(s[t],e);else if(typeof s=="object")for(let t in s)Object.prototype.hasOwnProperty.call(s,t)&&(s[t]=Be(s[t],e));return s}var bt=["connect","connect_error","disconnect","disconnecting","newListener","removeListener"],xt=5,l;(function(s){s[s.CONNECT=0]="CONNECT",s[s.DISCONNECT=1]="DISCONNECT",s[s.EVENT=2]="EVENT",s[s.ACK=3]="ACK",s[s.CONNECT_ERROR=4]="CONNECT_ERROR",s[s.BINARY_EVENT=5]="BINARY_EVENT",s[s.BINARY_ACK=6]="BINARY_ACK"})(l||(l={}));var Le=class{constructor(e){this.replacer=e}encode(e){return(e.type===l.EVENT||e.type===l.ACK)&&ee(e)?this.encodeAsBinary({type:e.type===l.EVENT?l.BINARY_EVENT:l.BINARY_ACK,nsp:e.nsp,data:e.data,id:e.id}):[this.encodeAsString(e)]}encodeAsString(e){let t=""+e.type;return(e.type===l.BINARY_EVENT||e.type===l.BINARY_ACK)&&(t+=e.attachments+"-"),e.nsp&&e.nsp!=="/"&&(t+=e.nsp+","),e.id!=null&&(t+=e.id),e.data!=null&&(t+=JSON.stringify(e.data,this.replacer)),t}encodeAsBinary(e){let t=gt(e),n=this.encodeAsString(t.packet),i=t.buffers;return i.unshift(n),i}},Pe=class s extends y{constructor(e){super(),this.opts=Object.assign({reviver:void 0,maxAttachments:10},typeof e=="function"?{reviver:e}:e)}add(e){let t;if(typeof e=="string"){if(this.reconstructor)throw new Error("got plaintext data when reconstructing a packet");t=this.decodeString(e);let n=t.type===l.BINARY_EVENT;n||t.type===l.BINARY_ACK?(t.type=n?l.EVENT:l.ACK,this.reconstructor=new qe(t)):super.emitReserved("decoded",t)}else if(te(e)||e.base64)if(this.reconstructor)t=this.reconstructor.takeBinaryData(e),t&&(this.reconstructor=null,super.emitReserved("decoded",t));else throw new Error("got binary data when not reconstructing a packet");else throw new Error("Unknown type: "+e)}decodeString(e){let t=0,n={type:Number(e.charAt(0))};if(l[n.type]===void 0)throw new Error("unknown packet type "+n.type);if(n.type===l.BINARY_EVENT||n.type===l.BINARY_ACK){let r=t+1;for(;e.charAt(++t)!=="-"&&t!=e.length;);let a=e.substring(r,t);if(a!=Number(a)||e.charAt(t)!=="-")throw new Error("Illegal attachments");let c=Number(a);if(!_t(c)||c<1)throw new Error("Illegal attachments");if(c>this.opts.maxAttachments)throw new Error("too many attachments");n.attachments=c}if(e.charAt(t+1)==="/"){let r=t+1;for(;++t&&!(e.charAt(t)===","||t===e.length););n.nsp=e.substring(r,t)}else n.nsp="/";let i=e.charAt(t+1);if(i!==""&&Number(i)==i){let r=t+1;for(;++t;){let a=e.charAt(t);if(a==null||Number(a)!=a){--t;break}if(t===e.length)break}n.id=Number(e.substring(r,t+1))}if(e.charAt(++t)){let r=this.tryParse(e.substr(t));if(s.isPayloadValid(n.type,r))n.data=r;else throw new Error("invalid payload")}return n}tryParse(e){try{return JSON.parse(e,this.opts.reviver)}catch{return!1}}static isPayloadValid(e,t){switch(e){case l.CONNECT:return pe(t);case l.DISCONNECT:return t===void 0;case l.CONNECT_ERROR:return typeof t=="string"||pe(t);case l.EVENT:case l.BINARY_EVENT:return Array.isArray(t)&&(typeof t[0]=="number"||typeof t[0]=="string"&&bt.indexOf(t[0])===-1);case l.ACK:case l.BINARY_ACK:return Array.isArray(t)}}destroy(){this.reconstructor&&(this.reconstructor.finishedReconstruction(),this.reconstructor=null)}},qe=class{constructor(e){this.packet=e,this.buffers=[],this.reconPack=e}takeBinaryData(e){if(this.buffers.push(e),this.buffers.length===this.reconPack.attachments){let t=yt(this.reconPack,this.buffers);return this.finishedReconstruction(),t}return null}finishedReconstruction(){this.reconPack=null,this.buffers=[]}};function ss(s){return typeof s=="string"}var _t=Number.isInteger||function(s){return typeof s=="number"&&isFinite(s)&&Math.floor(s)===s};function ns(s){return s===void 0||_t(s)}function pe(s){return Object.prototype.toString.call(s)==="[object Object]"}function is(s,e){switch(s){case l.CONNECT:return e===void 0||pe(e);case l.DISCONNECT:return e===void 0;case l.EVENT:return Array.isArray(e)&&(typeof e[0]=="number"||typeof e[0]=="string"&&bt.indexOf(e[0])===-1);case l.ACK:return Array.isArray(e);case l.CONNECT_ERROR:return typeof e=="string"||pe(e);default:return!1}}function rs(s){return ss(s.nsp)&&ns(s.id)&&is(s.type,s.data)}function S(s,e,t){return s.on(e,t),function(){s.off(e,t)}}var os=Object.freeze({connect:1,connect_error:1,disconnect:1,disconnecting:1,newListener:1,removeListener:1}),z=class extends y{constructor(e,t,n){super(),this.connected=!1,this.recovered=!1,this.receiveBuffer=[],this.sendBuffer=[],this._queue=[],this._queueSeq=0,this.ids=0,this.acks={},this.flags={},this.io=e,this.nsp=t,n&&n.auth&&(this.auth=n.auth),this._opts=Object.assign({},n),this.io._autoConnect&&this.open()}get disconnected(){return!this.connected}subEvents(){if(this.subs)return;let e=this.io;this.subs=[S(e,"open",this.onopen.bind(this)),S(e,"packet",this.onpacket.bind(this)),S(e,"error",this.onerror.bind(this)),S(e,"close",this.onclose.bind(this))]}get active(){return!!this.subs}connect(){return this.connected?this:(this.subEvents(),this.io._reconnecting||this.io.open(),this.io._readyState==="open"&&this.onopen(),this)}open(){return this.connect()}send(...e){return e.unshift("message"),this.emit.apply(this,e),this}emit(e,...t){var n,i,r;if(os.hasOwnProperty(e))throw new Error('"'+e.toString()+'" is a reserved event name');if(t.unshift(e),this._opts.retries&&!this.flags.fromQueue&&!this.flags.volatile)return this._addToQueue(t),this;let a={type:l.EVENT,data:t};if(a.options={},a.options.compress=this.flags.compress!==!1,typeof t[t.length-1]=="function"){let g=this.ids++,v=t.pop();this._registerAckCallback(g,v),a.id=g}let c=(i=(n=this.io.engine)===null||n===void 0?void 0:n.transport)===null||i===void 0?void 0:i.writable,h=this.connected&&!(!((r=this.io.engine)===null||r===void 0)&&r._hasPingExpired());return this.flags.volatile&&!c||(h?(this.notifyOutgoingListeners(a),this.packet(a)):this.sendBuffer.push(a)),this.flags={},this}_registerAckCallback(e,t){var n;let i=(n=this.flags.timeout)!==null&&n!==void 0?n:this._opts.ackTimeout;if(i===void 0){this.acks[e]=t;return}let r=this.io.setTimeoutFn(()=>{delete this.acks[e];for(let c=0;c<this.sendBuffer.length;c++)this.sendBuffer[c].id===e&&this.sendBuffer.splice(c,1);t.call(this,new Error("operation has timed out"))},i),a=(...c)=>{this.io.clearTimeoutFn(r),t.apply(this,c)};a.withError=!0,this.acks[e]=a}emitWithAck(e,...t){return new Promise((n,i)=>{let r=(a,c)=>a?i(a):n(c);r.withError=!0,t.push(r),this.emit(e,...t)})}_addToQueue(e){let t;typeof e[e.length-1]=="function"&&(t=e.pop());let n={id:this._queueSeq++,tryCount:0,pending:!1,args:e,flags:Object.assign({fromQueue:!0},this.flags)};e.push((i,...r)=>(this._queue[0],i!==null?n.tryCount>this._opts.retries&&(this._queue.shift(),t&&t(i)):(this._queue.shift(),t&&t(null,...r)),n.pending=!1,this._drainQueue())),this._queue.push(n),this._drainQueue()}_drainQueue(e=!1){if(!this.connected||this._queue.length===0)return;let t=this._queue[0];t.pending&&!e||(t.pending=!0,t.tryCount++,this.flags=t.flags,this.emit.apply(this,t.args))}packet(e){e.nsp=this.nsp,this.io._packet(e)}onopen(){typeof this.auth=="function"?this.auth(e=>{this._sendConnectPacket(e)}):this._sendConnectPacket(this.auth)}_sendConnectPacket(e){this.packet({type:l.CONNECT,data:this._pid?Object.assign({pid:this._pid,offset:this._lastOffset},e):e})}onerror(e){this.connected||this.emitReserved("connect_error",e)}onclose(e,t){this.connected=!1,delete this.id,this.emitReserved("disconnect",e,t),this._clearAcks()}_clearAcks(){Object.keys(this.acks).forEach(e=>{if(!this.sendBuffer.some(n=>String(n.id)===e)){let n=this.acks[e];delete this.acks[e],n.withError&&n.call(this,new Error("socket has been disconnected"))}})}onpacket(e){if(e.nsp===this.nsp)switch(e.type){case l.CONNECT:e.data&&e.data.sid?this.onconnect(e.data.sid,e.data.pid):this.emitReserved("connect_error",new Error("It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)"));break;case l.EVENT:case l.BINARY_EVENT:this.onevent(e);break;case l.ACK:case l.BINARY_ACK:this.onack(e);break;case l.DISCONNECT:this.ondisconnect();break;case l.CONNECT_ERROR:this.destroy();let n=new Error(e.data.message);n.data=e.data.data,this.emitReserved("connect_error",n);break}}onevent(e){let t=e.data||[];e.id!=null&&t.push(this.ack(e.id)),this.connected?this.emitEvent(t):this.receiveBuffer.push(Object.freeze(t))}emitEvent(e){if(this._anyListeners&&this._anyListeners.length){let t=this._anyListeners.slice();for(let n of t)n.apply(this,e)}super.emit.apply(this,e),this._pid&&e.length&&typeof e[e.length-1]=="string"&&(this._lastOffset=e[e.length-1])}ack(e){let t=this,n=!1;return function(...i){n||(n=!0,t.packet({type:l.ACK,id:e,data:i}))}}onack(e){let t=this.acks[e.id];typeof t=="function"&&(delete this.acks[e.id],t.withError&&e.data.unshift(null),t.apply(this,e.data))}onconnect(e,t){this.id=e,this.recovered=t&&this._pid===t,this._pid=t,this.connected=!0,this.emitBuffered(),this._drainQueue(!0),this.emitReserved("connect")}emitBuffered(){this.receiveBuffer.forEach(e=>this.emitEvent(e)),this.receiveBuffer=[],this.sendBuffer.forEach(e=>{this.notifyOutgoingListeners(e),this.packet(e)}),this.sendBuffer=[]}ondisconnect(){this.destroy(),this.onclose("io server disconnect")}destroy(){this.subs&&(this.subs.forEach(e=>e()),this.subs=void 0),this.io._destroy(this)}disconnect(){return this.connected&&this.packet({type:l.DISCONNECT}),this.destroy(),this.connected&&this.onclose("io client disconnect"),this}close(){return this.disconnect()}compress(e){return this.flags.compress=e,this}get volatile(){return this.flags.volatile=!0,this}timeout(e){return this.flags.timeout=e,this}onAny(e){return this._anyListeners=this._anyListeners||[],this._anyListeners.push(e),this}prependAny(e){return this._anyListeners=this._anyListeners||[],this._anyListeners.unshift(e),this}offAny(e){if(!this._anyListeners)return this;if(e){let t=this._anyListeners;for(let n=0;n<t.length;n++)if(e===t[n])return t.splice(n,1),this}else this._anyListeners=[];return this}listenersAny(){return this._anyListeners||[]}onAnyOutgoing(e){return this._anyOutgoingListeners=this._anyOutgoingListeners||[],this._anyOutgoingListeners.push(e),this}prependAnyOutgoing(e){return this._anyOutgoingListeners=this._anyOutgoingListeners||[],this._anyOutgoingListeners.unshift(e),this}offAnyOutgoing(e){if(!this._anyOutgoingListeners)return this;if(e){let t=this._anyOutgoingListeners;for(let n=0;n<t.length;n++)if(e===t[n])return t.splice(n,1),this}else this._anyOutgoingListeners=[];return this}listenersAnyOutgoing(){return this._anyOutgoingListeners||[]}notifyOutgoingListeners(e){if(this._anyOutgoingListeners&&this._anyOutgoingListeners.length){let t=this._anyOutgoingListeners.slice();for(let n of t)n.apply(this,e.data)}}};function U(s){s=s||{},this.ms=s.min||100,this.max=s.max||1e4,this.factor=s.factor||2,this.jitter=s.jitter>0&&s.jitter<=1?s.jitter:0,this.attempts=0}U.prototype.duration=function(){var s=this.ms*Math.pow(this.factor,this.attempts++);if(this.jitter){var e=Math.random(),t=Math.floor(e*this.jitter*s);s=(Math.floor(e*10)&1)==0?s-t:s+t}return Math.min(s,this.max)|0};U.prototype.reset=function(){this.attempts=0};U.prototype.setMin=function(s){this.ms=s};U.prototype.setMax=function(s){this.max=s};U.prototype.setJitter=function(s){this.jitter=s};var K=class extends y{constructor(e,t){var n;super(),this.nsps={},this.subs=[],e&&typeof e=="object"&&(t=e,e=void 0),t=t||{},t.path=t.path||"/socket.io",this.opts=t,O(this,t),this.reconnection(t.reconnection!==!1),this.reconnectionAttempts(t.reconnectionAttempts||1/0),this.reconnectionDelay(t.reconnectionDelay||1e3),this.reconnectionDelayMax(t.reconnectionDelayMax||5e3),this.randomizationFactor((n=t.randomizationFactor)!==null&&n!==void 0?n:.5),this.backoff=new U({min:this.reconnectionDelay(),max:this.reconnectionDelayMax(),jitter:this.randomizationFactor()}),this.timeout(t.timeout==null?2e4:t.timeout),this._readyState="closed",this.uri=e;let i=t.parser||Ie;this.encoder=new i.Encoder,this.decoder=new i.Decoder,this._autoConnect=t.autoConnect!==!1,this._autoConnect&&this.open()}reconnection(e){return arguments.length?(this._reconnection=!!e,e||(this.skipReconnect=!0),this):this._reconnection}reconnectionAttempts(e){return e===void 0?this._reconnectionAttempts:(this._reconnectionAttempts=e,this)}reconnectionDelay(e){var t;return e===void 0?this._reconnectionDelay:(this._reconnectionDelay=e,(t=this.backoff)===null||t===void 0||t.setMin(e),this)}randomizationFactor(e){var t;return e===void 0?this._randomizationFactor:(this._randomizationFactor=e,(t=this.backoff)===null||t===void 0||t.setJitter(e),this)}reconnectionDelayMax(e){var t;return e===void 0?this._reconnectionDelayMax:(this._reconnectionDelayMax=e,(t=this.backoff)===null||t===void 0||t.setMax(e),this)}timeout(e){return arguments.length?(this._timeout=e,this):this._timeout}maybeReconnectOnOpen(){!this._reconnecting&&this._reconnection&&this.backoff.attempts===0&&this.reconnect()}open(e){if(~this._readyState.indexOf("open"))return this;this.engine=new D(this.uri,this.opts);let t=this.engine,n=this;this._readyState="opening",this.skipReconnect=!1;let i=S(t,"open",function(){n.onopen(),e&&e()}),r=c=>{this.cleanup(),this._readyState="closed",this.emitReserved("error",c),e?e(c):this.maybeReconnectOnOpen()},a=S(t,"error",r);if(this._timeout!==!1){let c=this._timeout,h=this.setTimeoutFn(()=>{i(),r(new Error("timeout")),t.close()},c);this.opts.autoUnref&&h.unref(),this.subs.push(()=>{this.clearTimeoutFn(h)})}return this.subs.push(i),this.subs.push(a),this}connect(e){return this.open(e)}onopen(){this.cleanup(),this._readyState="open",this.emitReserved("open");let e=this.engine;this.subs.push(S(e,"ping",this.onping.bind(this)),S(e,"data",this.ondata.bind(this)),S(e,"error",this.onerror.bind(this)),S(e,"close",this.onclose.bind(this)),S(this.decoder,"decoded",this.ondecoded.bind(this)))}onping(){this.emitReserved("ping")}ondata(e){try{this.decoder.add(e)}catch(t){this.onclose("parse error",t)}}ondecoded(e){R(()=>{this.emitReserved("packet",e)},this.setTimeoutFn)}onerror(e){this.emitReserved("error",e)}socket(e,t){let n=this.nsps[e];return n?this._autoConnect&&!n.active&&n.connect():(n=new z(this,e,t),this.nsps[e]=n),n}_destroy(e){let t=Object.keys(this.nsps);for(let n of t)if(this.nsps[n].active)return;this._close()}_packet(e){let t=this.encoder.encode(e);for(let n=0;n<t.length;n++)this.engine.write(t[n],e.options)}cleanup(){this.subs.forEach(e=>e()),this.subs.length=0,this.decoder.destroy()}_close(){this.skipReconnect=!0,this._reconnecting=!1,this.onclose("forced close")}disconnect(){return this._close()}onclose(e,t){var n;this.cleanup(),(n=this.engine)===null||n===void 0||n.close(),this.backoff.reset(),this._readyState="closed",this.emitReserved("close",e,t),this._reconnection&&!this.skipReconnect&&this.reconnect()}reconnect(){if(this._reconnecting||this.skipReconnect)return this;let e=this;if(this.backoff.attempts>=this._reconnectionAttempts)this.backoff.reset(),this.emitReserved("reconnect_failed"),this._reconnecting=!1;else{let t=this.backoff.duration();this._reconnecting=!0;let n=this.setTimeoutFn(()=>{e.skipReconnect||(this.emitReserved("reconnect_attempt",e.backoff.attempts),!e.skipReconnect&&e.open(i=>{i?(e._reconnecting=!1,e.reconnect(),this.emitReserved("reconnect_error",i)):e.onreconnect()}))},t);this.opts.autoUnref&&n.unref(),this.subs.push(()=>{this.clearTimeoutFn(n)})}}onreconnect(){let e=this.backoff.attempts;this._reconnecting=!1,this.backoff.reset(),this.emitReserved("reconnect",e)}};var se={};function ne(s,e){typeof s=="object"&&(e=s,s=void 0),e=e||{};let t=dt(s,e.path||"/socket.io"),n=t.source,i=t.id,r=t.path,a=se[i]&&r in se[i].nsps,c=e.forceNew||e["force new connection"]||e.multiplex===!1||a,h;return c?h=new K(n,e):(se[i]||(se[i]=new K(n,e)),h=se[i]),t.query&&!e.query&&(e.query=t.queryKey),h.socket(t.path,e)}Object.assign(ne,{Manager:K,Socket:z,io:ne,connect:ne});var De=`:host {
  all: initial;
}
.wrap {
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a;
  -webkit-text-size-adjust: 100%;
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
.sr {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
button,
textarea {
  font: inherit;
  color: inherit;
  margin: 0;
}
button {
  cursor: pointer;
}
/* Visible focus on any background: a white ring inside a dark one. */
:focus-visible {
  outline: 3px solid #1a1a1a;
  outline-offset: 2px;
  box-shadow: 0 0 0 2px #fff;
}
.log:focus-visible {
  outline-offset: -4px;
  box-shadow: inset 0 0 0 6px #fff;
}

/* ------------------------------------------------------------ launcher */
.launcher {
  position: fixed;
  right: 16px;
  bottom: 16px;
  z-index: 2147483000;
  display: inline-flex;
  align-items: center;
  gap: 8px;
  min-height: 48px;
  padding: 10px 20px 10px 14px;
  border: 2px solid transparent;
  border-radius: 999px;
  background: var(--accent);
  color: var(--on-accent);
  font-weight: 600;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.28);
}
.launcher:hover {
  filter: brightness(0.92);
}
.icon,
.icon svg,
.close svg {
  display: block;
  width: 24px;
  height: 24px;
  fill: currentColor;
}

/* --------------------------------------------------------------- panel */
.panel {
  position: fixed;
  right: 16px;
  bottom: 80px;
  z-index: 2147483000;
  display: flex;
  flex-direction: column;
  width: min(400px, calc(100vw - 32px));
  height: min(640px, calc(100vh - 104px));
  background: #fff;
  border: 1px solid #c4cad3;
  border-radius: 12px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
  overflow: hidden;
  animation: itb-in 0.16s ease-out;
}
.panel[hidden] {
  display: none;
}
@keyframes itb-in {
  from {
    opacity: 0;
    transform: translateY(8px);
  }
}
.head {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 10px 8px 10px 16px;
  background: var(--accent);
  color: var(--on-accent);
}
.titles {
  flex: 1;
  min-width: 0;
}
h2 {
  margin: 0;
  font-size: 17px;
  font-weight: 700;
  line-height: 1.3;
  overflow-wrap: anywhere;
}
.sub {
  margin: 0;
  font-size: 14px;
}
.close {
  flex: none;
  display: grid;
  place-items: center;
  width: 44px;
  height: 44px;
  padding: 0;
  border: 0;
  border-radius: 8px;
  background: transparent;
}
.close:hover {
  background: rgba(255, 255, 255, 0.18);
}
.conn {
  margin: 0;
  padding: 8px 16px;
  background: #fff4d6;
  border-bottom: 1px solid #d9b84a;
  color: #3d2c00;
  font-size: 14px;
}
.conn:empty {
  display: none;
}

/* ------------------------------------------------------------ messages */
.log {
  position: relative;
  flex: 1;
  min-height: 0;
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 16px 12px;
  overflow-y: auto;
  overscroll-behavior: contain;
}
.msg {
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  flex: none;
}
.msg.user {
  align-items: flex-end;
}
.bubble {
  max-width: 88%;
  margin: 0;
  padding: 10px 14px;
  border-radius: 16px;
  white-space: pre-line;
  overflow-wrap: anywhere;
}
.line {
  display: block;
}
.line + .line {
  margin-top: 8px;
}
.bot .bubble {
  background: #eef1f5;
  border-bottom-left-radius: 4px;
  color: #1a1a1a;
}
.user .bubble {
  background: var(--accent);
  border-bottom-right-radius: 4px;
  color: var(--on-accent);
}
.bubble a {
  color: #0a4a8a;
  text-decoration: underline;
  text-underline-offset: 2px;
}
.user .bubble a {
  color: inherit;
}
.meta {
  margin: 4px 2px 0;
  font-size: 13px;
  color: #545c68;
}
.meta.failed {
  color: #a11d1d;
}
.chips {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  margin-top: 10px;
  max-width: 100%;
}
.chip {
  min-height: 40px;
  padding: 7px 14px;
  border: 2px solid var(--accent-text);
  border-radius: 999px;
  background: #fff;
  color: var(--accent-text);
  font-size: 15px;
  font-weight: 600;
  line-height: 1.25;
  text-align: left;
}
.chip:hover {
  background: #eef1f5;
}
.typing {
  display: flex;
  flex: none;
  align-self: flex-start;
  gap: 5px;
  padding: 14px 16px;
  border-radius: 16px;
  border-bottom-left-radius: 4px;
  background: #eef1f5;
}
.typing[hidden] {
  display: none;
}
.typing span {
  width: 8px;
  height: 8px;
  border-radius: 50%;
  background: #545c68;
  animation: itb-dot 1.2s infinite ease-in-out;
}
.typing span:nth-child(2) {
  animation-delay: 0.15s;
}
.typing span:nth-child(3) {
  animation-delay: 0.3s;
}
@keyframes itb-dot {
  0%,
  80%,
  100% {
    opacity: 0.35;
    transform: translateY(0);
  }
  40% {
    opacity: 1;
    transform: translateY(-3px);
  }
}

/* ------------------------------------------------------------- compose */
.actions {
  display: flex;
  gap: 8px;
  padding: 10px 12px 0;
  border-top: 1px solid #d5dae1;
}
.action {
  flex: 1;
  min-height: 40px;
  padding: 6px 10px;
  border: 1px solid #6b7482;
  border-radius: 8px;
  background: #fff;
  color: #1a1a1a;
  font-size: 15px;
  font-weight: 600;
}
.action:hover {
  background: #eef1f5;
}
.compose {
  display: flex;
  align-items: flex-end;
  gap: 8px;
  padding: 10px 12px 12px;
}
textarea {
  flex: 1;
  min-width: 0;
  min-height: 44px;
  max-height: 132px;
  padding: 10px 12px;
  border: 1px solid #6b7482;
  border-radius: 8px;
  background: #fff;
  font-size: 16px;
  line-height: 1.4;
  resize: none;
}
textarea::placeholder {
  color: #545c68;
  opacity: 1;
}
.send {
  flex: none;
  min-height: 44px;
  padding: 0 18px;
  border: 0;
  border-radius: 8px;
  background: var(--accent);
  color: var(--on-accent);
  font-weight: 700;
}
.send:hover {
  filter: brightness(0.92);
}

/* Phones, and big zoom: the chat takes the whole screen. */
@media (max-width: 480px), (max-height: 520px) {
  .panel {
    inset: 0;
    width: 100%;
    height: 100%;
    border: 0;
    border-radius: 0;
  }
  .wrap.open .launcher {
    display: none;
  }
  .launcher {
    right: 12px;
    bottom: 12px;
  }
}
@media (prefers-reduced-motion: reduce) {
  *,
  *::before,
  *::after {
    animation: none !important;
    transition: none !important;
    scroll-behavior: auto !important;
  }
  .typing span {
    opacity: 1;
  }
}
@media (forced-colors: active) {
  .bubble,
  .chip,
  .typing,
  .launcher,
  .send {
    border: 1px solid CanvasText;
  }
}
@media print {
  .wrap {
    display: none;
  }
}
`;var Rt="itb-webchat",wt=2e3,cs=200,hs=6e4,ls="I am an automated assistant, not a person. I give general information only, not medical advice. ",fs="In an emergency, call 911.",us="To reach our team, choose “Talk to a person” below. “Start over” begins a new conversation.",ps="/request_human",ds=document.currentScript||document.querySelector('script[src*="webchat/widget.js"]');function ms(s){let e=s&&s.dataset||{},t=s&&s.src?new URL(s.src,location.href):location,n=(e.suggestions||"What is ITB?=/ask_itb_what|The trial=/ask_trial_what").split("|").map(i=>i.split("=")).filter(i=>i.length===2&&i[0].trim()&&i[1].trim()).map(([i,r])=>({title:i.trim(),payload:r.trim()}));return{server:e.server||t.origin,path:e.socketPath||"/webhooks/webchat/socket.io",title:e.title||"Clinic assistant",greeting:e.greeting||"Hi! I can answer general questions about spasticity and baclofen pumps (ITB).",color:e.color||"#0a58a3",phone:e.phone||"",tel:e.tel||"",suggestions:n}}function vt(s){let e=/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(s).trim());if(!e)return null;let t=e[1].length===3?e[1].replace(/./g,"$&$&"):e[1];return[0,2,4].map(n=>parseInt(t.slice(n,n+2),16))}function kt([s,e,t]){let n=i=>(i/=255)<=.03928?i/12.92:((i+.055)/1.055)**2.4;return .2126*n(s)+.7152*n(e)+.0722*n(t)}function Et(s,e){let[t,n]=[kt(s),kt(e)].sort((i,r)=>r-i);return(t+.05)/(n+.05)}function gs(s){let e=vt(s)||vt("#0a58a3"),t=[255,255,255],n="#"+e.map(i=>i.toString(16).padStart(2,"0")).join("");return{accent:n,onAccent:Et(e,t)>=4.5?"#ffffff":"#111111",accentText:Et(e,t)>=4.5?n:"#1a1a1a"}}function u(s,e,...t){let n=document.createElement(s);for(let[i,r]of Object.entries(e||{}))r===!1||r==null||(i==="class"?n.className=r:i==="text"?n.textContent=r:i.startsWith("on")?n.addEventListener(i.slice(2),r):n.setAttribute(i,r===!0?"":r));for(let i of t)i!=null&&n.append(i);return n}function de(s){let e="http://www.w3.org/2000/svg",t=document.createElementNS(e,"svg");t.setAttribute("viewBox","0 0 24 24"),t.setAttribute("aria-hidden","true"),t.setAttribute("focusable","false");let n=document.createElementNS(e,"path");return n.setAttribute("d",s),t.append(n),t}var Tt="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z",St="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";function At(){let s=new Uint8Array(16);return crypto.getRandomValues(s),Array.from(s,e=>e.toString(16).padStart(2,"0")).join("")}function ys(s){return s.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}function bs(s,e,t){let n=["\\[([^\\]\\n]{1,200})\\]\\(((?:https?:\\/\\/|tel:)[^\\s)]+)\\)",`(https?:\\/\\/[^\\s<>"]*[^\\s<>".,;:!?)\\]'])`];t.phone&&t.tel&&n.push("("+ys(t.phone)+")");let i=new RegExp(n.join("|"),"g"),r=0,a;for(;a=i.exec(e);){a.index>r&&s.append(e.slice(r,a.index));let c,h;a[1]?[c,h]=[a[1],a[2]]:a[3]?c=h=a[3]:[c,h]=[a[4],"tel:"+t.tel];let b=/^https?:/.test(h),g=u("a",{href:h},c);b&&(g.target="_blank",g.rel="noopener noreferrer",g.append(u("span",{class:"sr",text:" (opens in a new tab)"}))),s.append(g),r=i.lastIndex}r<e.length&&s.append(e.slice(r))}function xs(){try{let s=JSON.parse(sessionStorage.getItem(Rt)||"null");if(s&&s.v===1&&Array.isArray(s.messages))return s}catch{}return{v:1,sessionId:null,open:!1,messages:[]}}function Ct(){if(window.ITBWebchat)return;let s=ms(ds),e=gs(s.color),t=xs(),n=new Map,i=null,r=!1,a=null,c=0,h=null,b=null,g=()=>{t.messages=t.messages.slice(-cs);try{sessionStorage.setItem(Rt,JSON.stringify(t))}catch{}},v=u("div",{id:"itb-webchat"}),E=v.attachShadow({mode:"open"});try{let o=new CSSStyleSheet;o.replaceSync(De),E.adoptedStyleSheets=[o]}catch{E.append(u("style",{text:De}))}v.style.setProperty("--accent",e.accent),v.style.setProperty("--on-accent",e.onAccent),v.style.setProperty("--accent-text",e.accentText);let me=u("span",{text:"Ask a question"}),ge=u("span",{class:"icon"},de(Tt)),W=u("button",{type:"button",class:"launcher","aria-expanded":"false","aria-controls":"itb-panel"},ge,me),Ue=u("button",{type:"button",class:"close","aria-label":"Close chat"},de(St)),ye=u("p",{class:"conn",role:"status"}),be=u("p",{class:"sr",role:"status"}),Y=u("div",{class:"typing","aria-hidden":"true",hidden:!0},u("span"),u("span"),u("span")),q=u("div",{class:"log",role:"log","aria-live":"polite","aria-label":"Conversation",tabindex:"0"},Y),_=u("textarea",{id:"itb-input",rows:"1",maxlength:String(wt),placeholder:"Type your question",autocomplete:"off",enterkeyhint:"send"}),J=u("form",{class:"compose",novalidate:!0},u("label",{class:"sr",for:"itb-input",text:"Your question"}),_,u("button",{type:"submit",class:"send",text:"Send"})),Ot=u("div",{class:"actions"},u("button",{type:"button",class:"action",text:"Talk to a person",onclick:()=>_e(ps,"Talk to a person")}),u("button",{type:"button",class:"action",text:"Start over",onclick:qt})),C=u("section",{id:"itb-panel",class:"panel",role:"dialog","aria-labelledby":"itb-title",hidden:!0},u("header",{class:"head"},u("div",{class:"titles"},u("h2",{id:"itb-title",text:s.title}),u("p",{class:"sub",text:"Automated assistant"})),Ue),ye,q,Ot,J,be),ie=u("aside",{class:"wrap","aria-label":"Chat with the clinic's assistant"},C,W);E.append(ie);let Nt={key:"greeting",from:"bot",text:"",quick:s.suggestions};function Bt(o){let f=u("p",{class:"bubble"},u("span",{class:"sr",text:o.from==="user"?"You: ":"Assistant: "}));return o.key==="greeting"?f.append(u("span",{class:"line"},s.greeting),u("span",{class:"line"},ls,u("strong",{text:fs})),u("span",{class:"line"},us)):o.from==="bot"?bs(f,o.text,s):f.append(o.text),u("div",{class:"msg "+o.from,"data-key":o.key},f)}function Lt(o,f,p){if(f.from==="user"){let x=f.status==="failed"?f.reason||"Not sent.":f.status==="pending"&&!r?"Not sent yet: waiting for the connection.":f.status==="pending"?"Sending…":"",k=o.querySelector(".meta");if(!x){k&&k.remove();return}k||o.append(k=u("p",{class:"meta"})),k.textContent!==x&&(k.textContent=x),k.classList.toggle("failed",f.status==="failed");return}let m=p&&f.quick&&f.quick.length>0,d=o.querySelector(".chips");if(m&&!d){d=u("div",{class:"chips",role:"group","aria-label":"Suggested replies"});for(let x of f.quick)d.append(u("button",{type:"button",class:"chip",text:x.title,onclick:()=>{_e(x.payload,x.title),_.focus()}}));o.append(d)}else!m&&d&&(d.contains(E.activeElement)&&_.focus(),d.remove())}function T(){let o=[Nt,...t.messages],f=-1;o.forEach((x,k)=>x.from==="user"&&(f=k));let p=new Set,m=null;o.forEach((x,k)=>{let I=n.get(x.key);I||(I=Bt(x),n.set(x.key,I)),Lt(I,x,k>f);let Ke=m?m.nextSibling:q.firstChild;I!==Ke&&q.insertBefore(I,Ke),m=I,p.add(x.key)});for(let[x,k]of n)p.has(x)||(k.contains(E.activeElement)&&_.focus(),k.remove(),n.delete(x));q.append(Y);let d=Y.hidden;Y.hidden=!(a&&r),d&&!Y.hidden&&!b&&F(null)}function F(o){let f=q.scrollHeight-q.clientHeight;q.scrollTop=o&&o.isConnected?Math.min(o.offsetTop-12,f):f}function xe(o){ye.textContent!==o&&(ye.textContent=o)}function Fe(o){if(o.sender==="user")return{key:"u:"+o.id,id:o.id,from:"user",text:String(o.text||""),status:"sent"};let f=(o.quick_replies||o.buttons||[]).filter(p=>p&&p.title&&p.payload).slice(0,12).map(p=>({title:String(p.title),payload:String(p.payload)}));return{key:"b:"+(o.id||At()),from:"bot",text:String(o.text||""),quick:f}}function Pt(o){let f=o.filter(d=>d&&typeof d=="object").map(Fe),p=new Map(t.messages.map(d=>[d.key,d])),m=new Set(f.map(d=>d.key));for(let d of f){let x=p.get(d.key);x&&d.from==="user"&&(d.text=x.text)}t.messages=f.concat(t.messages.filter(d=>!m.has(d.key)))}function _e(o,f){let p=String(o).trim();if(!p)return;let m=At();t.messages.push({key:"u:"+m,id:m,from:"user",text:f||p,payload:p.slice(0,wt),status:"pending"}),g(),b=null,T(),F(null),we(),V()}function V(){if(!r||a||!i)return;let o=t.messages.find(m=>m.from==="user"&&m.status==="pending");if(!o)return T();a=o.id;let f=c,p={message:o.payload||o.text,session_id:t.sessionId,message_id:o.id};o.payload&&o.payload!==o.text&&(p.metadata={display:o.text}),T(),i.timeout(hs).emit("user_uttered",p,(m,d)=>{if(!(f!==c||a!==o.id)){if(a=null,m||!d)return h=setTimeout(V,1e3),T();if(d.ok)return o.status="sent",g(),T(),b&&F(b),V();if(d.error==="rate_limited")return Ve("You are sending messages quickly. Your message will be sent in a moment."),h=setTimeout(V,Math.max(1,Number(d.retry_after)||5)*1e3),T();if(d.error==="no_session")return r=!1,i.emit("session_request",{session_id:t.sessionId}),T();o.status="failed",o.reason=d.error==="too_long"?"Not sent: the message is too long. Please shorten it.":"Not sent: the message could not be read.",g(),V()}})}function Ve(o){be.textContent="",setTimeout(()=>be.textContent=o,50)}function we(){if(i)return;i=ne(s.server,{path:s.path,transports:["websocket","polling"],tryAllTransports:!0,withCredentials:!1,reconnectionDelay:1e3,reconnectionDelayMax:5e3});let o=setTimeout(()=>!r&&xe("Connecting…"),1500);i.on("connect",()=>{i.emit("session_request",{session_id:t.sessionId})}),i.on("session_confirm",p=>{let m=typeof p=="string"?p:p&&p.session_id;m&&(t.sessionId=m),g()}),i.on("session_history",p=>{if(!p||p.session_id!==t.sessionId)return;clearTimeout(o);let m=t.messages.length;Pt(Array.isArray(p.messages)?p.messages:[]),r=!0,xe(""),g(),T(),t.messages.length!==m&&F(b),V()}),i.on("bot_uttered",p=>{if(!p||typeof p!="object")return;let m=Fe(p);t.messages.some(d=>d.key===m.key)||(t.messages.push(m),g(),T(),(!b||!b.isConnected)&&(b=n.get(m.key)),F(b))});let f=()=>xe("Offline. Reconnecting… Messages you send now will be sent when the connection is back.");i.on("disconnect",()=>{r=!1,a=null,c++,clearTimeout(h),f(),T()}),i.on("connect_error",()=>{clearTimeout(o),f()})}function qt(){c++,a=null,clearTimeout(h),t.messages=[],t.sessionId=null,b=null,g(),T(),i&&i.connected&&(r=!1,i.emit("session_request",{session_id:null})),Ve("Started a new conversation."),_.focus()}let ve=matchMedia("(max-width: 480px), (max-height: 520px)");function Me(){return ve.matches}let He=()=>!C.hidden&&Me()?C.setAttribute("aria-modal","true"):C.removeAttribute("aria-modal");ve.addEventListener&&ve.addEventListener("change",He);function ke(o=!0){C.hidden=!1,ie.classList.add("open"),W.setAttribute("aria-expanded","true"),me.textContent="Hide chat",ge.replaceChildren(de(St)),He(),t.open=!0,g(),we(),T(),F(null),o&&_.focus()}function re(){C.hidden=!0,ie.classList.remove("open"),W.setAttribute("aria-expanded","false"),me.textContent="Ask a question",ge.replaceChildren(de(Tt)),t.open=!1,g(),W.focus()}W.addEventListener("click",()=>C.hidden?ke():re()),Ue.addEventListener("click",re),ie.addEventListener("keydown",o=>{if(o.key==="Escape"&&!o.isComposing&&!C.hidden)o.preventDefault(),re();else if(o.key==="Tab"&&!C.hidden&&Me()){let f=Array.from(C.querySelectorAll("button, textarea, a[href], [tabindex='0']")),p=f[0],m=f[f.length-1];o.shiftKey&&E.activeElement===p?(o.preventDefault(),m.focus()):!o.shiftKey&&E.activeElement===m&&(o.preventDefault(),p.focus())}}),J.addEventListener("submit",o=>{o.preventDefault();let f=_.value.trim();if(!f)return _.focus();_.value="",ze(),_e(f),_.focus()}),_.addEventListener("keydown",o=>{o.key==="Enter"&&!o.shiftKey&&!o.isComposing&&(o.preventDefault(),J.requestSubmit?J.requestSubmit():J.dispatchEvent(new Event("submit")))});function ze(){_.style.height="auto",_.style.height=Math.min(_.scrollHeight+2,132)+"px"}_.addEventListener("input",ze),document.body.append(v),T(),t.open?ke(!1):(t.sessionId||t.messages.some(o=>o.status==="pending"))&&we(),window.ITBWebchat={open:()=>ke(),close:re}}document.body?Ct():document.addEventListener("DOMContentLoaded",Ct);})();
